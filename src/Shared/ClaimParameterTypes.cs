using System;
using System.Collections.Generic;
namespace TokenIssuer;

/// <summary>
/// The C# types a per-call claim (a profile's <c>Parameters</c>) may have. Shared by the runtime's
/// start-up validation and the source generator, so both accept exactly the same list.
/// </summary>
internal static class ClaimParameterTypes
{
    /// <summary>Accepted spellings (keyword or framework name), mapped to the C# keyword form the generator emits.</summary>
    private static readonly Dictionary<string, string> Canonical = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["string"] = "string", ["String"] = "string", ["System.String"] = "string",
        ["bool"] = "bool", ["Boolean"] = "bool", ["System.Boolean"] = "bool",
        ["int"] = "int", ["Int32"] = "int", ["System.Int32"] = "int",
        ["long"] = "long", ["Int64"] = "long", ["System.Int64"] = "long",
        ["double"] = "double", ["Double"] = "double", ["System.Double"] = "double",
        ["decimal"] = "decimal", ["Decimal"] = "decimal", ["System.Decimal"] = "decimal",
        ["Guid"] = "global::System.Guid", ["System.Guid"] = "global::System.Guid",
        ["DateTimeOffset"] = "global::System.DateTimeOffset", ["System.DateTimeOffset"] = "global::System.DateTimeOffset",
        ["string[]"] = "string[]", ["String[]"] = "string[]",
        ["IEnumerable<string>"] = "global::System.Collections.Generic.IEnumerable<string>",
        ["System.Collections.Generic.IEnumerable<string>"] = "global::System.Collections.Generic.IEnumerable<string>",
    };

    /// <summary>The supported names, for error messages.</summary>
    public const string SupportedList = "string, bool, int, long, double, decimal, Guid, DateTimeOffset, string[], IEnumerable<string>, and their nullable forms (a trailing '?')";

    /// <summary>
    /// Reads a declared type; <paramref name="csharpType"/> is the fully qualified C# form and
    /// <paramref name="nullable"/> tells whether a trailing '?' made it nullable.
    /// </summary>
    public static bool TryParse(string? declared, out string csharpType, out bool nullable)
    {
        csharpType = "";
        nullable = false;
        if (declared is null) return false;
        string name = declared.Trim();
        if (name.EndsWith("?", StringComparison.Ordinal))
        {
            nullable = true;
            name = name.Substring(0, name.Length - 1).TrimEnd();
        }
        if (!Canonical.TryGetValue(name, out var canonical)) return false;
        csharpType = canonical;
        return true;
    }

    /// <summary>A supported spelling close to <paramref name="declared"/>, for "did you mean".</summary>
    public static string? Suggest(string declared) => JwtOptionNames.Suggest(declared.TrimEnd('?'), Canonical.Keys);
}
