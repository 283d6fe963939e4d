using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TokenIssuer.Generator.Diagnostics;
using TokenIssuer.Generator.Model;

namespace TokenIssuer.Generator.Parsing;

/// <summary>Reads a <c>[JwtProfile]</c> record or class into a profile model and its diagnostics.</summary>
internal static class AttributeParser
{
    public const string JwtProfileAttribute = "TokenIssuer.JwtProfileAttribute";
    private const string JwtClaimAttribute = "TokenIssuer.JwtClaimAttribute";

    public static AttributeProfile Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var attribute = context.Attributes[0];
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var diagnostics = new List<DiagnosticInfo>();

        LocationInfo? Arg(int index) => LocationInfo.From(syntax?.ArgumentList?.Arguments.Count > index ? syntax.ArgumentList.Arguments[index].GetLocation() : syntax?.GetLocation());
        LocationInfo? Named(string name) => LocationInfo.From(syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == name)?.GetLocation() ?? syntax?.GetLocation());
        void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
            => diagnostics.Add(new DiagnosticInfo(descriptor.Id, location, arguments.ToEquatableArray()));

        string? name = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        var nameLocation = Arg(0);
        if (name is null || !NameRules.IsValidIdentifier(name))
        {
            Report(DiagnosticDescriptors.InvalidProfileName, nameLocation, name ?? "");
            return new AttributeProfile(null, nameLocation, diagnostics.ToEquatableArray());
        }

        if (type.IsGenericType)
        {
            Report(DiagnosticDescriptors.GenericClaimsType, LocationInfo.From(type.Locations.FirstOrDefault()), name, type.ToDisplayString());
            return new AttributeProfile(null, nameLocation, diagnostics.ToEquatableArray());
        }

        string? algorithm = null, expiresIn = null, notBefore = null, audience = null, issuer = null, signingKey = null;
        bool noTimestamp = false;
        foreach (var argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "Algorithm":
                    if (argument.Value.Value is int ordinal && ordinal >= 0 && ordinal < JwtAlgorithmNames.All.Length) algorithm = JwtAlgorithmNames.All[ordinal];
                    else Report(DiagnosticDescriptors.UnknownAlgorithm, Named("Algorithm"), name, argument.Value.Value?.ToString() ?? "", "");
                    break;
                case "ExpiresIn":
                    expiresIn = Duration(name, "ExpiresIn", argument.Value.Value as string, Named("ExpiresIn"), diagnostics);
                    break;
                case "NotBefore":
                    notBefore = Duration(name, "NotBefore", argument.Value.Value as string, Named("NotBefore"), diagnostics);
                    break;
                case "Audience": audience = argument.Value.Value as string; break;
                case "Issuer": issuer = argument.Value.Value as string; break;
                case "SigningKey": signingKey = argument.Value.Value as string; break;
                case "NoTimestamp": noTimestamp = argument.Value.Value is true; break;
            }
        }

        var parameters = new List<ClaimParameter>();
        var claimNames = new HashSet<string>();
        foreach (var property in ClaimProperties(type))
        {
            var propertyLocation = LocationInfo.From(property.Locations.FirstOrDefault());
            string claim = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == JwtClaimAttribute)?.ConstructorArguments.FirstOrDefault().Value as string
                ?? NameRules.ToClaimName(property.Name);
            if (!TypeNames.TryGetClaimType(property.Type, out string csharpType, out bool nullable))
            {
                Report(DiagnosticDescriptors.UnsupportedParameterType, propertyLocation, name, claim, property.Type.ToDisplayString(), "");
                continue;
            }
            string? collision = ProfileOptionNames.IsTimeClaim(claim) ? "a time claim every token computes"
                : claim == "iss" && issuer is not null ? "the profile's Issuer"
                : claim == "aud" && audience is not null ? "the profile's Audience"
                : !claimNames.Add(claim) ? "another property written as the same claim"
                : null;
            if (collision is not null)
            {
                Report(DiagnosticDescriptors.ClaimCollision, propertyLocation, name, claim, collision);
                continue;
            }
            parameters.Add(new ClaimParameter(claim, property.Name, csharpType, nullable));
        }

        var profile = new ProfileToGenerate(name, algorithm, expiresIn, notBefore,
            audience is null ? EquatableArray<string>.Empty : new EquatableArray<string>(new[] { audience }),
            issuer, signingKey, noTimestamp, parameters.ToEquatableArray(),
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            new ProfileDefaults(algorithm, expiresIn, notBefore, audience, issuer, signingKey, noTimestamp),
            IsPublic: IsEffectivelyPublic(type));
        return new AttributeProfile(profile, nameLocation, diagnostics.ToEquatableArray());
    }

    /// <summary>An internal claims type gets an internal Issue method (a public one could not expose it).</summary>
    private static bool IsEffectivelyPublic(INamedTypeSymbol type)
    {
        for (ISymbol? current = type; current is INamedTypeSymbol named; current = named.ContainingType)
        {
            if (named.DeclaredAccessibility != Accessibility.Public) return false;
        }
        return true;
    }

    /// <summary>Public readable instance properties, base types first, in declaration order (a record's positional order).</summary>
    private static IEnumerable<IPropertySymbol> ClaimProperties(INamedTypeSymbol type)
    {
        var chain = new Stack<INamedTypeSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType) chain.Push(current);
        foreach (var current in chain)
        {
            foreach (var member in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (member.IsStatic || member.IsIndexer || member.DeclaredAccessibility != Accessibility.Public || member.GetMethod is null) continue;
                if (member.Name == "EqualityContract") continue;
                yield return member;
            }
        }
    }

    private static string? Duration(string profile, string option, string? text, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (text is null) return null;
        if (!DurationParser.TryParseProfileDuration(text, out _, out bool hasUnit))
        {
            diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.BadDuration.Id, location, new EquatableArray<string>(new[] { profile, option, text })));
            return null;
        }
        if (!hasUnit)
        {
            diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.UnitlessDuration.Id, location, new EquatableArray<string>(new[] { profile, option, text })));
            return text + "s";
        }
        return text;
    }
}

/// <summary>Maps property types to the claim types the runtime's <c>JwtClaimWriter</c> writes.</summary>
internal static class TypeNames
{
    public static bool TryGetClaimType(ITypeSymbol type, out string csharpType, out bool nullable)
    {
        nullable = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableType)
        {
            nullable = true;
            type = nullableType.TypeArguments[0];
        }
        else if (type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            nullable = true;
        }

        string display = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString();
        if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String }) display = "string[]";
        return ClaimParameterTypes.TryParse(display, out csharpType, out _);
    }
}
