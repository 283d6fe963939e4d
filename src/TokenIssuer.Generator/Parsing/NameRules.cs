using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace TokenIssuer.Generator.Parsing;

/// <summary>How profile and claim names become C# names.</summary>
internal static class NameRules
{
    /// <summary>A profile name usable as a C# identifier, and not the name of a generated class (a constant cannot share its class's name).</summary>
    public static bool IsValidIdentifier(string name)
        => SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
            && name != "JwtProfileNames" && name != "JwtIssuerProfileExtensions";

    /// <summary>A claim name as a camelCase parameter name: <c>tenant_id</c> → <c>tenantId</c>, <c>class</c> → <c>@class</c>.</summary>
    public static string ToParameterName(string claim)
    {
        var builder = new StringBuilder();
        bool upperNext = false;
        foreach (char c in claim)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(builder.Length == 0 ? char.ToLowerInvariant(c) : upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else
            {
                upperNext = builder.Length > 0;
            }
        }
        if (builder.Length == 0 || char.IsDigit(builder[0])) builder.Insert(0, "claim");
        string name = builder.ToString();
        // "issuer" is the generated method's receiver (this IJwtIssuer issuer).
        if (name == "issuer") return "issuerClaim";
        return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }

    /// <summary>A property name as its default claim name: the first letter lower-cased (<c>Sub</c> → <c>sub</c>).</summary>
    public static string ToClaimName(string property)
        => property.Length == 0 ? property : char.ToLowerInvariant(property[0]) + property.Substring(1);
}
