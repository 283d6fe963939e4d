using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// Writes the claims the signing options set, after the payload's own, in jsonwebtoken's order:
/// iat, nbf, exp, aud, iss, sub, jti.
/// </summary>
internal static class RegisteredClaimWriter
{
    private static readonly JsonEncodedText IatName = JsonEncodedText.Encode(RegisteredClaimNames.IssuedAt);
    private static readonly JsonEncodedText NbfName = JsonEncodedText.Encode(RegisteredClaimNames.NotBefore);
    private static readonly JsonEncodedText ExpName = JsonEncodedText.Encode(RegisteredClaimNames.Expires);

    /// <summary>All of them; <paramref name="writeIat"/> is false when the payload or noTimestamp decided iat.</summary>
    public static void WriteOptionClaims(Utf8JsonWriter writer, JwtSignOptions options, TokenTimes times, bool writeIat)
    {
        WriteTimeClaims(writer, times, writeIat);
        WriteConstantOptionClaims(writer, options);
    }

    /// <summary>iat, nbf and exp: the claims that change with every token.</summary>
    private static void WriteTimeClaims(Utf8JsonWriter writer, TokenTimes times, bool writeIat)
    {
        if (writeIat) WriteIssuedAt(writer, times.IssuedAt);
        if (times.NotBefore is double notBefore)
        {
            writer.WritePropertyName(NbfName);
            ClaimValueWriter.WriteNumber(writer, notBefore);
        }
        if (times.Expires is double expires)
        {
            writer.WritePropertyName(ExpName);
            ClaimValueWriter.WriteNumber(writer, expires);
        }
    }

    /// <summary>The <c>iat</c> member, also where a payload's own <c>iat</c> stands.</summary>
    public static void WriteIssuedAt(Utf8JsonWriter writer, double timestamp)
    {
        writer.WritePropertyName(IatName);
        ClaimValueWriter.WriteNumber(writer, timestamp);
    }

    /// <summary>aud, iss, sub and jti: the same in every token of given options (a profile writes them once, in its plan).</summary>
    public static void WriteConstantOptionClaims(Utf8JsonWriter writer, JwtSignOptions options)
    {
        if (options.Audience is { } audience)
        {
            writer.WritePropertyName(RegisteredClaimNames.Audience);
            WriteAudience(writer, audience);
        }
        WriteOptionalString(writer, RegisteredClaimNames.Issuer, options.Issuer, JwtOptionNames.Issuer);
        WriteOptionalString(writer, RegisteredClaimNames.Subject, options.Subject, JwtOptionNames.Subject);
        WriteOptionalString(writer, RegisteredClaimNames.JwtId, options.JwtId, JwtOptionNames.JwtId);
    }

    private static void WriteAudience(Utf8JsonWriter writer, JwtAudience audience)
    {
        if (audience.Single is { } single)
        {
            ClaimValueWriter.WriteString(writer, single, JwtOptionNames.Audience);
            return;
        }
        ClaimValueWriter.Write(writer, audience.Values, JwtOptionNames.Audience);
    }

    private static void WriteOptionalString(Utf8JsonWriter writer, string claim, string? value, string option)
    {
        if (value is null) return;
        writer.WritePropertyName(claim);
        ClaimValueWriter.WriteString(writer, value, option);
    }
}
