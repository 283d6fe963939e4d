using System.Globalization;

namespace TokenIssuer.Cli;

/// <summary>Unix seconds as an ISO 8601 UTC date, for messages and for <c>decode</c>'s time claims.</summary>
internal static class UnixTime
{
    /// <summary><c>2023-11-14T22:13:20Z</c>; null when the number lies outside years 1 to 9999.</summary>
    public static string? TryFormat(double seconds)
    {
        if (!double.IsFinite(seconds)
            || seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds()
            || seconds >= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }
        var instant = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(seconds * 1000));
        return instant.ToString(instant.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    public static string Format(double seconds) => TryFormat(seconds) ?? "outside years 1 to 9999";
}
