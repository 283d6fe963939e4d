using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TokenIssuer.Cli.Tests;

/// <summary>A compact JWS taken apart by the tests, independently of the code under test.</summary>
internal sealed record Jwt(JsonElement Header, JsonElement Payload, string SigningInput, byte[] Signature)
{
    public static Jwt Parse(string token)
    {
        string[] parts = token.Trim().Split('.');
        Assert.True(parts.Length == 3, $"not a compact JWS: \"{token}\"");
        return new Jwt(
            JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement.Clone(),
            JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.Clone(),
            parts[0] + "." + parts[1],
            Base64Url.DecodeFromChars(parts[2]));
    }

    /// <summary>True when the signature is the HS256 HMAC of the signing input under <paramref name="secret"/>.</summary>
    public bool HasHs256Signature(byte[] secret)
        => CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(SigningInput)), Signature);
}
