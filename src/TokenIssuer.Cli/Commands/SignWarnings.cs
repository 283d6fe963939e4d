using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace TokenIssuer.Cli.Commands;

/// <summary>
/// What <c>sign</c> signs, as jsonwebtoken does, but a careful user wants to hear about: an HMAC secret
/// shorter than the hash (RFC 7518 §3.2 asks for at least as long), header members that tell a verifier
/// to fetch or trust a key or to understand extensions (RFC 8725 §3.10, RFC 7515 §4.1.11), and a token
/// that is expired when it is made. Each goes to stderr as one "warning:" line; the token is still
/// printed and the exit code is still 0. Read from the token itself, so they describe what was signed.
/// </summary>
internal static class SignWarnings
{
    private static readonly string[] KeyHeaders = ["jku", "x5u", "jwk", "x5c"];

    public static IEnumerable<string> For(string token, SigningKey key, DateTimeOffset now)
    {
        string[] parts = token.Split('.');
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        var root = header.RootElement;

        if (key.Kind == SigningKeyKind.Symmetric
            && root.TryGetProperty("alg", out var alg) && JwtAlgorithmNames.TryParse(alg.GetString(), out var algorithm))
        {
            int hashBits = JwtAlgorithmNames.HashBits(algorithm);
            if (key.KeySizeInBits < hashBits)
            {
                yield return $"warning: the HMAC secret is {key.KeySizeInBits / 8} bytes, shorter than {JwtAlgorithmNames.Name(algorithm)}'s " +
                    $"{hashBits}-bit hash ({hashBits / 8} bytes): a short secret can be guessed and tokens forged. " +
                    $"Make one with 'tokenissuer keys new --alg {JwtAlgorithmNames.Name(algorithm)}' and sign with --secret-base64.";
            }
        }
        if (root.TryGetProperty("crit", out _))
        {
            yield return "warning: the header has \"crit\": a verifier that does not understand every extension it lists must reject the token (RFC 7515 §4.1.11).";
        }
        foreach (string name in KeyHeaders.Where(name => root.TryGetProperty(name, out _)))
        {
            yield return $"warning: the header has \"{name}\", which points a verifier at a key; a verifier must take its keys from its own configuration, never from the token (RFC 8725 §3.10).";
        }

        using var payload = TryParse(parts[1]);
        if (payload?.RootElement is { ValueKind: JsonValueKind.Object } claims
            && claims.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetDouble(out double expSeconds)
            && expSeconds <= now.ToUnixTimeMilliseconds() / 1000.0)
        {
            yield return $"warning: the token is already expired: exp {exp.GetRawText()} ({UnixTime.Format(expSeconds)}) is not after the signing time " +
                $"{now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)} ({UnixTime.Format(now.ToUnixTimeSeconds())}).";
        }
    }

    private static JsonDocument? TryParse(string part)
    {
        try
        {
            return JsonDocument.Parse(Base64Url.DecodeFromChars(part));
        }
        catch (JsonException)
        {
            return null; // a string payload: no claims to look at
        }
    }
}
