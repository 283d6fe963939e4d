using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.Benchmarks;

/// <summary>
/// Checks that a benchmark produced the agreed token: decodes header and payload, compares every
/// member with <see cref="BenchToken"/>, verifies the signature with System.Security.Cryptography, and
/// validates the token a second time with JsonWebTokenHandler. Throws on the first problem, so a
/// benchmark can never measure a broken token.
/// </summary>
internal static class TokenVerifier
{
    public static void Verify(string method, string algorithm, string token) => Verify(method, algorithm, token, BenchToken.IssuedAt, BenchToken.IssuedAt);

    /// <summary>
    /// The same checks for a token minted with a real clock: its <c>iat</c> lies in
    /// [<paramref name="issuedAtFrom"/>, <paramref name="issuedAtTo"/>] and <c>exp</c> is <c>iat</c> + 900.
    /// </summary>
    public static void Verify(string method, string algorithm, string token, long issuedAtFrom, long issuedAtTo)
    {
        string[] parts = token.Split('.');
        Require(parts.Length == 3, method, algorithm, $"has {parts.Length} segments, not 3");

        using (var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])))
        {
            RequireMembers(header.RootElement, method, algorithm, "header", new()
            {
                ["alg"] = algorithm,
                ["typ"] = "JWT",
                ["kid"] = BenchToken.KeyIdFor(algorithm),
            });
        }

        using (var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])))
        {
            long issuedAt = payload.RootElement.TryGetProperty("iat", out var iat) && iat.TryGetInt64(out long value) ? value : -1;
            Require(issuedAt >= issuedAtFrom && issuedAt <= issuedAtTo, method, algorithm, $"has iat {issuedAt}, outside [{issuedAtFrom}, {issuedAtTo}]");
            RequireMembers(payload.RootElement, method, algorithm, "payload", new()
            {
                ["sub"] = BenchToken.Subject,
                ["name"] = BenchToken.Name,
                ["role"] = BenchToken.Role,
                ["iat"] = issuedAt,
                ["exp"] = issuedAt + BenchToken.LifetimeSeconds,
                ["iss"] = BenchToken.Issuer,
                ["aud"] = BenchToken.Audience,
            });
        }

        byte[] signingInput = Encoding.ASCII.GetBytes(token[..token.LastIndexOf('.')]);
        byte[] signature = Base64Url.DecodeFromChars(parts[2]);
        Require(VerifySignature(algorithm, signingInput, signature), method, algorithm, "has a signature that does not verify");

        var result = new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = BenchToken.Issuer,
            ValidAudience = BenchToken.Audience,
            ValidAlgorithms = [algorithm],
            IssuerSigningKey = PublicKey(algorithm),
            ValidateLifetime = false,
        }).GetAwaiter().GetResult();
        Require(result.IsValid, method, algorithm, "is refused by JsonWebTokenHandler: " + result.Exception?.Message);
    }

    private static bool VerifySignature(string algorithm, byte[] data, byte[] signature)
    {
        switch (algorithm)
        {
            case "HS256":
                return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(BenchToken.SecretBytes, data), signature);
            case "RS256":
            case "PS256":
            {
                using var rsa = BenchToken.LoadRsa();
                var padding = algorithm == "PS256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
                return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, padding);
            }
            case "ES256":
            {
                using var ecdsa = BenchToken.LoadEcdsa();
                return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null);
        }
    }

    /// <summary>A key holding only the public half, so the check cannot pass by signing again.</summary>
    private static SecurityKey PublicKey(string algorithm)
    {
        switch (algorithm)
        {
            case "HS256":
                return new SymmetricSecurityKey(BenchToken.SecretBytes);
            case "ES256":
            {
                using var ecdsa = BenchToken.LoadEcdsa();
                var publicKey = ECDsa.Create(ecdsa.ExportParameters(includePrivateParameters: false));
                return new ECDsaSecurityKey(publicKey);
            }
            default:
            {
                using var rsa = BenchToken.LoadRsa();
                return new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false));
            }
        }
    }

    private static void RequireMembers(JsonElement element, string method, string algorithm, string part, Dictionary<string, object> expected)
    {
        Require(element.ValueKind == JsonValueKind.Object, method, algorithm, $"has a {part} that is not an object");
        var seen = new HashSet<string>();
        foreach (var member in element.EnumerateObject())
        {
            Require(seen.Add(member.Name), method, algorithm, $"repeats {part}.{member.Name}");
            Require(expected.TryGetValue(member.Name, out var value), method, algorithm, $"has an unexpected {part}.{member.Name}");
            bool same = value switch
            {
                string s => member.Value.ValueKind == JsonValueKind.String && member.Value.GetString() == s,
                long l => member.Value.ValueKind == JsonValueKind.Number && member.Value.TryGetInt64(out long n) && n == l,
                _ => false,
            };
            Require(same, method, algorithm, $"has {part}.{member.Name} = {member.Value.GetRawText()}, expected {value}");
        }
        foreach (var name in expected.Keys)
        {
            Require(seen.Contains(name), method, algorithm, $"lacks {part}.{name}");
        }
    }

    private static void Require(bool condition, string method, string algorithm, string problem)
    {
        if (!condition) throw new InvalidOperationException($"{method} ({algorithm}): the token {problem}.");
    }
}
