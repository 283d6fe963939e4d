using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TokenIssuer.Generator.Diagnostics;
using TokenIssuer.Generator.Model;

namespace TokenIssuer.Generator.Parsing;

/// <summary>
/// Reads a <c>[JwtProfile]</c> record or class into a profile model and its diagnostics: from source (with
/// diagnostics at the attribute's arguments and the properties) or from a referenced assembly (without: its
/// own build reported them). The rules and their sentences are the runtime's (<see cref="ProfileRules"/>).
/// </summary>
internal static class AttributeParser
{
    public const string JwtProfileAttribute = "TokenIssuer.JwtProfileAttribute";
    private const string JwtClaimAttribute = "TokenIssuer.JwtClaimAttribute";

    public static AttributeProfile Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var syntax = context.Attributes[0].ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        return new Reader((INamedTypeSymbol)context.TargetSymbol, context.Attributes[0], syntax).Read();
    }

    /// <summary>
    /// The profile of a <c>[JwtProfile]</c> type declared in a referenced assembly, or null when it has none
    /// or its build would have refused it.
    /// </summary>
    public static ProfileToGenerate? FromReference(INamedTypeSymbol type)
    {
        var attribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == JwtProfileAttribute);
        if (attribute is null) return null;
        var parsed = new Reader(type, attribute, syntax: null).Read();
        return parsed.Diagnostics.Count == 0 ? parsed.Profile : null;
    }

    /// <summary>Reads one attribute and its type; every mistake becomes a diagnostic at the argument or property.</summary>
    private sealed class Reader
    {
        private readonly INamedTypeSymbol _type;
        private readonly AttributeData _attribute;
        private readonly AttributeSyntax? _syntax;
        private readonly List<DiagnosticInfo> _diagnostics = new();
        private string _name = "";

        public Reader(INamedTypeSymbol type, AttributeData attribute, AttributeSyntax? syntax)
        {
            _type = type;
            _attribute = attribute;
            _syntax = syntax;
        }

        /// <summary>Where a mistake is, in a message: <c>[JwtProfile("Refresh")] NotBefore</c>.</summary>
        private string Where(string what) => $"[JwtProfile(\"{_name}\")] {what}";

        public AttributeProfile Read()
        {
            string? name = _attribute.ConstructorArguments.Length == 1 ? _attribute.ConstructorArguments[0].Value as string : null;
            var nameLocation = Argument(0);
            if (name is null || !NameRules.IsValidIdentifier(name))
            {
                Report(DiagnosticDescriptors.InvalidProfileName, nameLocation, name ?? "");
                return new AttributeProfile(null, nameLocation, _diagnostics.ToEquatableArray());
            }
            _name = name;
            if (_type.IsGenericType)
            {
                Report(DiagnosticDescriptors.GenericClaimsType, LocationInfo.From(_type.Locations.FirstOrDefault()), name, _type.ToDisplayString());
                return new AttributeProfile(null, nameLocation, _diagnostics.ToEquatableArray());
            }

            var defaults = ReadArguments();
            bool subject = !string.IsNullOrEmpty(defaults.Subject), jwtId = !string.IsNullOrEmpty(defaults.JwtId);
            Report(DiagnosticDescriptors.GenerateJwtIdWithJwtId, ProfileRules.JwtIdOptions(defaults.GenerateJwtId, jwtId));
            var claimsSetByOptions = ProfileRules.ClaimsSetByOptions(defaults.Audience is not null, defaults.Issuer is not null, subject, jwtId, defaults.GenerateJwtId);
            var parameters = ReadProperties(claimsSetByOptions);
            var profile = new ProfileToGenerate(name, defaults.Algorithm, defaults.ExpiresIn, defaults.NotBefore,
                defaults.Audience is null ? EquatableArray<string>.Empty : new EquatableArray<string>(new[] { defaults.Audience }),
                defaults.Issuer, defaults.SigningKey, defaults.NoTimestamp, parameters.ToEquatableArray(),
                _type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), defaults, IsPublic: IsEffectivelyPublic(_type))
            {
                GenerateJwtId = defaults.GenerateJwtId,
                Rfc9068 = defaults.Rfc9068 ? new OptionSite(Where(ProfileOptionNames.Rfc9068), Named(ProfileOptionNames.Rfc9068)) : null,
                HasSubject = subject,
                HasJwtId = jwtId,
            };
            var signingKey = defaults.SigningKey is { } key
                ? new SigningKeyReference(name, key, Where(ProfileOptionNames.SigningKey), Named(ProfileOptionNames.SigningKey))
                : null;
            return new AttributeProfile(profile, nameLocation, _diagnostics.ToEquatableArray(), signingKey);
        }

        /// <summary>The named arguments, checked by the profile rules: they become the profile's run-time defaults.</summary>
        private ProfileDefaults ReadArguments()
        {
            string? algorithm = null, expiresIn = null, notBefore = null, audience = null, issuer = null, signingKey = null, subject = null, jwtId = null;
            bool noTimestamp = false, generateJwtId = false, rfc9068 = false, allowUndeclaredClaims = false;
            double? expiresSeconds = null, notBeforeSeconds = null;
            foreach (var argument in _attribute.NamedArguments)
            {
                switch (argument.Key)
                {
                    case ProfileOptionNames.Algorithm:
                        var violation = ProfileRules.AlgorithmValue(argument.Value.Value is int ordinal ? ordinal : -1, out var parsed);
                        Report(DiagnosticDescriptors.UnknownAlgorithm, violation);
                        if (parsed is { } known) algorithm = JwtAlgorithmNames.Name(known);
                        break;
                    case ProfileOptionNames.ExpiresIn: expiresIn = Duration(argument.Key, argument.Value.Value as string, out expiresSeconds); break;
                    case ProfileOptionNames.NotBefore: notBefore = Duration(argument.Key, argument.Value.Value as string, out notBeforeSeconds); break;
                    case ProfileOptionNames.Audience: audience = argument.Value.Value as string; break;
                    case ProfileOptionNames.Issuer: issuer = argument.Value.Value as string; break;
                    case ProfileOptionNames.SigningKey: signingKey = argument.Value.Value as string; break;
                    case ProfileOptionNames.NoTimestamp: noTimestamp = argument.Value.Value is true; break;
                    case ProfileOptionNames.Subject: subject = argument.Value.Value as string; break;
                    case ProfileOptionNames.JwtId: jwtId = argument.Value.Value as string; break;
                    case ProfileOptionNames.GenerateJwtId: generateJwtId = argument.Value.Value is true; break;
                    case ProfileOptionNames.Rfc9068: rfc9068 = argument.Value.Value is true; break;
                    case ProfileOptionNames.AllowUndeclaredClaims: allowUndeclaredClaims = argument.Value.Value is true; break;
                }
            }
            foreach (var violation in ProfileRules.Lifetime(expiresSeconds, expiresIn, notBeforeSeconds, notBefore, BuildClock.Now)) Report(DiagnosticDescriptors.BadLifetime, violation);
            return new ProfileDefaults(algorithm, expiresIn, notBefore, audience, issuer, signingKey, noTimestamp)
            {
                Subject = subject, JwtId = jwtId, GenerateJwtId = generateJwtId, Rfc9068 = rfc9068, AllowUndeclaredClaims = allowUndeclaredClaims,
            };
        }

        private string? Duration(string option, string? text, out double? seconds)
        {
            var violation = ProfileRules.Duration(option, text, out seconds, out bool hasUnit);
            if (violation is not null)
            {
                Report(DiagnosticDescriptors.BadDuration, violation);
                return null;
            }
            if (seconds is null || hasUnit) return seconds is null ? null : text;
            Report(DiagnosticDescriptors.UnitlessDuration, ProfileRules.UnitlessDuration(option, text!));
            return text + "s";
        }

        /// <summary>The per-call claims: the public properties, each with a supported type and a claim no option sets.</summary>
        private List<ClaimParameter> ReadProperties(IReadOnlyDictionary<string, string> claimsSetByOptions)
        {
            var parameters = new List<ClaimParameter>();
            var claimNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in ClaimProperties(_type))
            {
                var location = LocationInfo.From(property.Locations.FirstOrDefault());
                string where = Where($"{_type.Name}.{property.Name}");
                string claim = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == JwtClaimAttribute)?.ConstructorArguments.FirstOrDefault().Value as string
                    ?? NameRules.ToClaimName(property.Name);
                if (!TypeNames.TryGetClaimType(property.Type, out string csharpType, out bool nullable))
                {
                    _diagnostics.Add(DiagnosticInfo.Rule(DiagnosticDescriptors.UnsupportedParameterType, location, where, ProfileSentences.UnsupportedParameterType(property.Type.ToDisplayString())));
                    continue;
                }
                var collision = ProfileRules.ParameterClaim(claim, claimsSetByOptions, static _ => false)
                    ?? (claimNames.Add(claim) ? null : ProfileRules.ParameterCollision(claim, "another property written as the same claim"));
                if (collision is not null)
                {
                    _diagnostics.Add(DiagnosticInfo.Rule(DiagnosticDescriptors.ClaimCollision, location, where, collision.Sentence));
                    continue;
                }
                parameters.Add(new ClaimParameter(claim, property.Name, csharpType, nullable));
            }
            return parameters;
        }

        private LocationInfo? Argument(int index)
            => LocationInfo.From(_syntax?.ArgumentList?.Arguments.Count > index ? _syntax.ArgumentList.Arguments[index].GetLocation() : _syntax?.GetLocation());

        private LocationInfo? Named(string name)
            => LocationInfo.From(_syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == name)?.GetLocation() ?? _syntax?.GetLocation());

        private void Report(DiagnosticDescriptor descriptor, RuleViolation? violation)
        {
            if (violation is not null) _diagnostics.Add(DiagnosticInfo.Rule(descriptor, Named(violation.Option), Where(violation.Option), violation.Sentence));
        }

        private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
            => _diagnostics.Add(new DiagnosticInfo(descriptor.Id, location, arguments.ToEquatableArray()));
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
