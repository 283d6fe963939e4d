using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// Writes an object payload as jsonwebtoken does: the payload's own claims in order (its <c>iat</c> set
/// to the timestamp in place, or dropped with noTimestamp), then the claims the options add.
/// </summary>
internal static class ObjectPayloadWriter
{
    /// <param name="writer">The writer of the payload segment.</param>
    /// <param name="payload">The caller's claims.</param>
    /// <param name="options">The signing options.</param>
    /// <param name="times">The token's NumericDates.</param>
    /// <param name="payloadHasIat">The payload carries its own <c>iat</c>, so the options do not add one.</param>
    /// <param name="optionClaimsInPayload">After mutatePayload the payload already holds the option claims.</param>
    public static void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> payload, JwtSignOptions options,
        TokenTimes times, bool payloadHasIat, bool optionClaimsInPayload)
    {
        writer.WriteStartObject();
        if (payload is Dictionary<string, object?> dictionary)
        {
            // Dictionary's struct enumerator: no boxed enumerator per token.
            foreach (var (name, value) in dictionary) WriteClaim(writer, name, value, options, times.IssuedAt);
        }
        else
        {
            foreach (var (name, value) in payload) WriteClaim(writer, name, value, options, times.IssuedAt);
        }

        if (!optionClaimsInPayload) RegisteredClaimWriter.WriteOptionClaims(writer, options, times, writeIat: !options.NoTimestamp && !payloadHasIat);
        writer.WriteEndObject();
    }

    /// <summary>One claim of the payload; its <c>iat</c> is the timestamp (or left out with noTimestamp).</summary>
    private static void WriteClaim(Utf8JsonWriter writer, string name, object? value, JwtSignOptions options, double timestamp)
    {
        if (name == RegisteredClaimNames.IssuedAt)
        {
            if (!options.NoTimestamp) RegisteredClaimWriter.WriteIssuedAt(writer, timestamp);
            return;
        }
        ClaimValueWriter.WritePropertyName(writer, name, name);
        ClaimValueWriter.Write(writer, value, name);
    }
}
