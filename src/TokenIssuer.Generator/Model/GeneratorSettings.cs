using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TokenIssuer.Generator.Model;

/// <summary>
/// The MSBuild switches the generator reads (<c>build_property.*</c>, made visible by the package's
/// buildTransitive props) and the names of the types it emits.
/// </summary>
/// <param name="PublicTypes">True with <c>TokenIssuerGeneratedAccessibility=public</c>.</param>
/// <param name="Unrecognized">The property's value when it is neither <c>internal</c> nor <c>public</c>.</param>
/// <param name="AssemblyName">The compilation's assembly, which names the public types.</param>
internal sealed record GeneratorSettings(bool PublicTypes, string? Unrecognized, string AssemblyName)
{
    public const string AccessibilityProperty = "TokenIssuerGeneratedAccessibility";

    public static GeneratorSettings Read(AnalyzerConfigOptionsProvider options, string? assemblyName)
    {
        options.GlobalOptions.TryGetValue("build_property." + AccessibilityProperty, out string? value);
        value = value?.Trim();
        bool isPublic = string.Equals(value, "public", StringComparison.OrdinalIgnoreCase);
        bool known = string.IsNullOrEmpty(value) || isPublic || string.Equals(value, "internal", StringComparison.OrdinalIgnoreCase);
        return new GeneratorSettings(isPublic, known ? null : value, assemblyName ?? "");
    }

    public string Accessibility => PublicTypes ? "public" : "internal";

    /// <summary>
    /// <c>JwtProfileNames</c>, or, for public types, prefixed with the assembly's name (<c>ContosoIdentityJwtProfileNames</c>):
    /// two assemblies' public types of one name would be ambiguous (CS0433) in a project that references both.
    /// </summary>
    public string NamesClass => Prefix + "JwtProfileNames";

    /// <summary><c>JwtIssuerProfileExtensions</c>, prefixed like <see cref="NamesClass"/> for public types.</summary>
    public string ExtensionsClass => Prefix + "JwtIssuerProfileExtensions";

    private string Prefix => PublicTypes ? Identifier(AssemblyName) : "";

    private static string Identifier(string assemblyName)
    {
        var builder = new StringBuilder();
        bool upperNext = true;
        foreach (char c in assemblyName)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upperNext = true;
                continue;
            }
            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }
        if (builder.Length == 0 || !char.IsLetter(builder[0])) builder.Insert(0, '_');
        return builder.ToString();
    }
}
