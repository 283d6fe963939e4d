using System.Text.Json;

namespace TokenIssuer.Cli.Commands;

/// <summary>
/// A token's time claims (<c>iat</c>, <c>nbf</c>, <c>exp</c>) as dates, and whether the token is expired
/// or not yet valid at a given instant, for <c>decode</c>. As a verifier reads them: expired when the
/// clock is at or past <c>exp</c>, not yet valid while it is before <c>nbf</c>; no leeway.
/// </summary>
internal static class TimeClaims
{
    private static readonly string[] Names = ["iat", "nbf", "exp"];

    /// <summary>Each numeric time claim present and its ISO 8601 UTC date (an out-of-range number is left out).</summary>
    public static IEnumerable<(string Name, string Date)> Dates(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object) yield break;
        foreach (string name in Names)
        {
            if (Seconds(payload, name) is { } seconds && UnixTime.TryFormat(seconds) is { } date) yield return (name, date);
        }
    }

    /// <summary>A sentence when the token is expired or not yet valid at <paramref name="now"/>; null otherwise.</summary>
    public static string? Status(JsonElement payload, DateTimeOffset now)
    {
        if (payload.ValueKind != JsonValueKind.Object) return null;
        double clock = now.ToUnixTimeMilliseconds() / 1000.0;
        if (Seconds(payload, "exp") is { } exp && clock >= exp) return $"The token is expired: exp is {UnixTime.Format(exp)}.";
        if (Seconds(payload, "nbf") is { } nbf && clock < nbf) return $"The token is not valid yet: nbf is {UnixTime.Format(nbf)}.";
        return null;
    }

    private static double? Seconds(JsonElement payload, string name)
        => payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double seconds) && double.IsFinite(seconds)
            ? seconds
            : null;
}
