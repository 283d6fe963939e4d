using System.CommandLine.Parsing;
using System.Globalization;

namespace TokenIssuer.Cli.Arguments;

/// <summary>
/// Reads <c>--expires-in</c> and <c>--not-before</c>: a whole number is seconds (as jsonwebtoken's
/// numeric option); anything else is a duration with a unit in the ms grammar (<c>"15m"</c>,
/// <c>"2 days"</c>, <c>"1.5h"</c>, <c>"-30s"</c>), as jsonwebtoken reads a string.
/// </summary>
internal static class DurationArgument
{
    public const string Help = "a whole number of seconds (3600), or a duration with a unit as jsonwebtoken reads it (\"15m\", \"10h\", \"2 days\", \"1.5h\", \"-30s\")";

    public static JwtDuration? Parse(ArgumentResult result)
    {
        string flag = result.Parent is OptionResult option ? option.Option.Name : "duration";
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (TryParse(text, out var duration, out string? error)) return duration;
        result.AddError($"{flag}: {error}");
        return null;
    }

    public static bool TryParse(string text, out JwtDuration duration, out string? error)
    {
        duration = default;
        error = null;
        if (IsWholeNumber(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seconds))
            {
                duration = JwtDuration.FromSeconds(seconds);
                return true;
            }
            error = $"{SensitiveText.QuoteShort(text)} is too large for a number of seconds.";
            return false;
        }

        if (DurationParser.TryParseMilliseconds(text, out _, out bool hasUnit) && JwtDuration.TryParse(text, out duration))
        {
            if (hasUnit) return true;
            // ms would read "1.5" as 1.5 milliseconds: almost never what a command line means.
            error = $"\"{text}\" has no unit: give whole seconds, or a unit (\"{text}s\", \"{text}m\", \"{text}ms\").";
            return false;
        }

        error = $"{SensitiveText.QuoteShort(text)} is not a duration: give {Help}.";
        return false;
    }

    private static bool IsWholeNumber(string text)
    {
        var digits = text.AsSpan();
        if (digits.StartsWith("-")) digits = digits[1..];
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }
}
