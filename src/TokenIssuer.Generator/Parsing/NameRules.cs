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

    /// <summary>
    /// The profile name as C# compares identifiers: without its formatting characters (Unicode category Cf, such as a
    /// soft hyphen or a zero-width joiner), which an identifier may contain but the compiler ignores. Two names with
    /// the same identifier are the same C# name.
    /// </summary>
    public static string Identifier(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format) builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>The profile's <c>Issue{Profile}</c> method, as C# reads its name.</summary>
    public static string IssueMethod(string profile) => "Issue" + Identifier(profile);

    /// <summary>The profile's <c>Issue{Profile}Token</c> method (the token with its facts), as C# reads its name.</summary>
    public static string FactsMethod(string profile) => "Issue" + Identifier(profile) + "Token";

    /// <summary>The name as a message shows it: a formatting character, invisible, as its <c>\uXXXX</c> escape.</summary>
    public static string Visible(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        return builder.ToString();
    }

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
