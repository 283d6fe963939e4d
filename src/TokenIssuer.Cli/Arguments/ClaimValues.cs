using System.Globalization;
using System.Text.Json;

namespace TokenIssuer.Cli.Arguments;

/// <summary>
/// Turns the text of a <c>--claim</c> into the value a profile's declared parameter type expects
/// (<c>Guid</c>, <c>int</c>, <c>string[]</c>, …; the types of <see cref="ClaimParameterTypes"/>), so that the
/// token carries what <c>Issue{Profile}</c> would write: a number as a number, a date as a NumericDate.
/// </summary>
internal static class ClaimValues
{
    /// <summary>The value of <paramref name="text"/> as <paramref name="csharpType"/>; false with a reason when it is not one.</summary>
    public static bool TryConvert(string text, string csharpType, out object? value, out string? error)
    {
        value = null;
        error = null;
        var invariant = CultureInfo.InvariantCulture;
        switch (csharpType)
        {
            case "string":
                value = text;
                return true;
            case "bool" when bool.TryParse(text, out bool b):
                value = b;
                return true;
            case "int" when int.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out int i):
                value = i;
                return true;
            case "long" when long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out long l):
                value = l;
                return true;
            case "double" when double.TryParse(text, NumberStyles.Float, invariant, out double d) && double.IsFinite(d):
                value = d;
                return true;
            case "decimal" when decimal.TryParse(text, NumberStyles.Number, invariant, out decimal m):
                value = m;
                return true;
            case "global::System.Guid" when Guid.TryParse(text, out var g):
                value = g;
                return true;
            case "global::System.DateTimeOffset" when long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out long seconds)
                                                      && seconds is >= -62135596800 and <= 253402300799:
                value = DateTimeOffset.FromUnixTimeSeconds(seconds);
                return true;
            case "global::System.DateTimeOffset" when DateTimeOffset.TryParse(text, invariant, DateTimeStyles.AssumeUniversal, out var date):
                value = date;
                return true;
            case "string[]" or "global::System.Collections.Generic.IEnumerable<string>":
                value = new[] { text };
                return true;
        }
        error = $"is not {Describe(csharpType)}";
        return false;
    }

    /// <summary>The value of a <c>NAME:=JSON</c> claim for a declared type: JSON null, a JSON string or number read as text, an array of strings.</summary>
    public static bool TryConvertJson(JsonElement json, string csharpType, bool nullable, out object? value, out string? error)
    {
        value = null;
        error = null;
        if (json.ValueKind == JsonValueKind.Null)
        {
            if (nullable) return true;
            error = $"is null, but the profile declares {Describe(csharpType)} (not nullable)";
            return false;
        }
        if (IsStringList(csharpType))
        {
            if (json.ValueKind == JsonValueKind.Array && json.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String))
            {
                value = json.EnumerateArray().Select(item => item.GetString()!).ToArray();
                return true;
            }
            error = "is not a JSON array of strings";
            return false;
        }
        string text = json.ValueKind == JsonValueKind.String ? json.GetString()! : json.GetRawText();
        if (csharpType == "string" && json.ValueKind != JsonValueKind.String)
        {
            error = "is not a JSON string";
            return false;
        }
        return TryConvert(text, csharpType, out value, out error);
    }

    public static bool IsStringList(string csharpType) => csharpType is "string[]" or "global::System.Collections.Generic.IEnumerable<string>";

    /// <summary>The type as a sentence names it ("a Guid", "an int", "a list of strings").</summary>
    public static string Describe(string csharpType) => csharpType switch
    {
        "global::System.Guid" => "a Guid (e.g. 7f1d5a52-43e3-4c6b-9f0e-2d6b3b8f2a10)",
        "global::System.DateTimeOffset" => "a date (ISO 8601, e.g. 2030-01-01T00:00:00Z, or Unix seconds)",
        "int" => "an int",
        "long" => "a long (a whole number)",
        "double" => "a double (a finite number)",
        "decimal" => "a decimal number",
        "bool" => "a bool (true or false)",
        _ when IsStringList(csharpType) => "a list of strings",
        _ => "a " + csharpType,
    };
}
