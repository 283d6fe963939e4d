using System;
using System.Collections.Generic;
using System.Globalization;

namespace TokenIssuer;

/// <summary>
/// The duration grammar of the <c>ms</c> package, version 2.1.3 (the one jsonwebtoken 9.0.3 uses):
/// <c>"2 days"</c>, <c>"10h"</c>, <c>"-1.5s"</c>, <c>".5y"</c>; a string with no unit is milliseconds.
/// Shared by the runtime, the command line and the source generator, so <c>"15m"</c> means the same
/// thing at build time and at run time.
/// </summary>
/// <remarks>
/// A hand-written scanner of ms's regular expression
/// <c>^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$</c>
/// with flag <c>i</c>: ASCII digits only, ASCII case folding only (JavaScript's non-unicode <c>/i</c>
/// never folds a non-ASCII letter to ASCII), spaces but no other whitespace between number and unit,
/// nothing before the number or after the unit, at most 100 UTF-16 code units. It is culture-invariant
/// and needs no Regex, which keeps it cheap inside the compiler.
/// </remarks>
internal static class DurationParser
{
    /// <summary>ms rejects longer strings outright (UTF-16 code units; exactly 100 is fine).</summary>
    public const int MaxLength = 100;

    public const double MillisecondsPerSecond = 1000;
    private const double Minute = 60 * MillisecondsPerSecond;
    private const double Hour = 60 * Minute;
    private const double Day = 24 * Hour;
    private const double Week = 7 * Day;
    private const double Year = 365.25 * Day;

    /// <summary>
    /// Parses <paramref name="text"/> as ms 2.1.3 does. <paramref name="hasUnit"/> tells whether a
    /// unit was written (a unit-less string means milliseconds here, and seconds in a profile).
    /// </summary>
    public static bool TryParseMilliseconds(string? text, out double milliseconds, out bool hasUnit)
    {
        milliseconds = 0;
        hasUnit = false;
        if (text is null || text.Length == 0 || text.Length > MaxLength) return false;

        int i = 0;
        if (text[i] == '-') i++;
        int integerDigits = CountDigits(text, i);
        i += integerDigits;
        if (i < text.Length && text[i] == '.')
        {
            int fractionDigits = CountDigits(text, i + 1);
            if (fractionDigits == 0) return false; // "1." and "." are not numbers to ms
            i += 1 + fractionDigits;
        }
        else if (integerDigits == 0)
        {
            return false;
        }

        string number = text.Substring(0, i);
        while (i < text.Length && text[i] == ' ') i++;

        double factor = 1;
        if (i < text.Length)
        {
            if (!TryGetUnitFactor(text.Substring(i), out factor)) return false;
            hasUnit = true;
        }

        double value = double.Parse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        milliseconds = value * factor;
        return true;
    }

    /// <summary>Parses as ms does and returns the milliseconds, or null when ms would give <c>undefined</c>.</summary>
    public static double? ParseMilliseconds(string? text)
        => TryParseMilliseconds(text, out double ms, out _) ? ms : null;

    /// <summary>
    /// Reads a duration written in a profile (configuration or attribute). Configuration turns JSON
    /// numbers into strings, so a unit-less value cannot be told from a number there and means
    /// <b>seconds</b>; any value with a unit follows ms. Returns false when the text is not a duration.
    /// </summary>
    public static bool TryParseProfileDuration(string? text, out double milliseconds, out bool hasUnit)
    {
        if (!TryParseMilliseconds(text, out milliseconds, out hasUnit)) return false;
        if (!hasUnit) milliseconds *= MillisecondsPerSecond;
        return true;
    }

    /// <summary>A short description of the accepted grammar, for error messages.</summary>
    public const string GrammarHint =
        "a number with a unit such as \"90s\", \"15m\", \"10h\", \"2 days\", \"1w\" or \"1y\" " +
        "(units: ms, s, m, h, d, w, y and their long forms; decimals and a leading '-' are allowed)";

    private static int CountDigits(string text, int start)
    {
        int i = start;
        while (i < text.Length && text[i] >= '0' && text[i] <= '9') i++;
        return i - start;
    }

    private static bool TryGetUnitFactor(string unit, out double factor)
    {
        // ASCII-only lower-casing: ToLowerInvariant would fold 'İ' (U+0130) and the Kelvin sign (U+212A)
        // to ASCII letters, which JavaScript's regex does not.
        var chars = unit.ToCharArray();
        for (int k = 0; k < chars.Length; k++)
        {
            char c = chars[k];
            if (c >= 'A' && c <= 'Z') chars[k] = (char)(c + 32);
            else if (c > 0x7F) { factor = 0; return false; }
        }

        switch (new string(chars))
        {
            case "years": case "year": case "yrs": case "yr": case "y": factor = Year; return true;
            case "weeks": case "week": case "w": factor = Week; return true;
            case "days": case "day": case "d": factor = Day; return true;
            case "hours": case "hour": case "hrs": case "hr": case "h": factor = Hour; return true;
            case "minutes": case "minute": case "mins": case "min": case "m": factor = Minute; return true;
            case "seconds": case "second": case "secs": case "sec": case "s": factor = MillisecondsPerSecond; return true;
            case "milliseconds": case "millisecond": case "msecs": case "msec": case "ms": factor = 1; return true;
            default: factor = 0; return false;
        }
    }
}
