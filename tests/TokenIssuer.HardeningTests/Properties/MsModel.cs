using System.Globalization;
using System.Text.RegularExpressions;

namespace TokenIssuer.HardeningTests.Properties;

/// <summary>
/// A model of <c>ms</c> 2.1.3's <c>parse()</c>, written from its source (jsonwebtoken-sign-spec.md §6) and
/// independent of the runtime's scanner: the same regular expression (with <c>[0-9]</c> and <c>\z</c>, as
/// JavaScript's <c>\d</c> and <c>$</c> mean there), JavaScript's ASCII-only case folding, parseFloat,
/// and the unit table multiplied as ms multiplies it.
/// </summary>
internal static class MsModel
{
    private static readonly Regex Grammar = new(
        @"^(-?(?:[0-9]+)?\.?[0-9]+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?\z",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // ms 2.1.3: var s = 1000; var m = s * 60; var h = m * 60; var d = h * 24; var w = d * 7; var y = d * 365.25;
    private const double S = 1000, M = S * 60, H = M * 60, D = H * 24, W = D * 7, Y = D * 365.25;

    /// <summary>Every unit spelling ms accepts, lower case.</summary>
    public static readonly string[] Units =
    [
        "years", "year", "yrs", "yr", "y", "weeks", "week", "w", "days", "day", "d",
        "hours", "hour", "hrs", "hr", "h", "minutes", "minute", "mins", "min", "m",
        "seconds", "second", "secs", "sec", "s", "milliseconds", "millisecond", "msecs", "msec", "ms",
    ];

    /// <summary>ms's value in milliseconds and whether a unit was written, or null where ms gives undefined.</summary>
    public static (double Milliseconds, bool HasUnit)? Parse(string text)
    {
        if (text.Length == 0 || text.Length > 100) return null;
        // JavaScript's non-unicode /i folds no non-ASCII letter to ASCII, and [0-9] and ' ' are ASCII: any
        // non-ASCII character makes the match fail. (.NET's IgnoreCase would fold 'K' (U+212A) to 'k'.)
        if (text.Any(c => c > 0x7F)) return null;
        var match = Grammar.Match(text);
        if (!match.Success) return null;
        double n = double.Parse(match.Groups[1].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        bool hasUnit = match.Groups[2].Success;
        string unit = hasUnit ? AsciiLower(match.Groups[2].Value) : "ms";
        double factor = unit switch
        {
            "years" or "year" or "yrs" or "yr" or "y" => Y,
            "weeks" or "week" or "w" => W,
            "days" or "day" or "d" => D,
            "hours" or "hour" or "hrs" or "hr" or "h" => H,
            "minutes" or "minute" or "mins" or "min" or "m" => M,
            "seconds" or "second" or "secs" or "sec" or "s" => S,
            _ => 1,
        };
        return (n * factor, hasUnit);
    }

    private static string AsciiLower(string text) => new(text.Select(c => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c).ToArray());
}
