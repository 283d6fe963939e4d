using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.IntegrationTests;

/// <summary>A compact JWS taken apart, and checked with Microsoft.IdentityModel (an independent validator).</summary>
internal sealed class Jwt
{
    private static readonly JsonWebTokenHandler Handler = new();

    public Jwt(string token)
    {
        Token = token;
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        Header = Parse(parts[0]);
        Payload = Parse(parts[1]);
        SigningInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        Signature = Base64Url.DecodeFromChars(parts[2]);
    }

    public string Token { get; }

    public JsonElement Header { get; }

    public JsonElement Payload { get; }

    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    public string? Kid => Header.TryGetProperty("kid", out var kid) ? kid.GetString() : null;

    public string Alg => Header.GetProperty("alg").GetString()!;

    public long Iat => Payload.GetProperty("iat").GetInt64();

    public long Exp => Payload.GetProperty("exp").GetInt64();

    public string String(string claim) => Payload.GetProperty(claim).GetString()!;

    public bool Has(string claim) => Payload.TryGetProperty(claim, out _);

    /// <summary>Verifies an ES* signature directly (JWS signatures are IEEE P1363, .NET's default).</summary>
    public bool VerifiesWith(ECDsa publicKey)
    {
        var hash = Alg switch { "ES256" => HashAlgorithmName.SHA256, "ES384" => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 };
        return publicKey.VerifyData(SigningInput, Signature, hash);
    }

    /// <summary>
    /// Validates with <see cref="JsonWebTokenHandler"/>: signature, issuer, audience and lifetime, the
    /// lifetime judged at <paramref name="now"/> (the test's fake clock) rather than the real clock.
    /// </summary>
    public static Task<TokenValidationResult> ValidateAsync(string token, SecurityKey key, DateTimeOffset now, string? issuer = null, string? audience = null)
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidateIssuer = issuer is not null,
            ValidIssuer = issuer,
            ValidateAudience = audience is not null,
            ValidAudience = audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var at = now.UtcDateTime;
                return (notBefore is null || notBefore.Value <= at) && expires is not null && at < expires.Value;
            },
        };
        return Handler.ValidateTokenAsync(token, parameters);
    }

    /// <summary>Validates and fails the test with the validator's own reason when the token is not valid.</summary>
    public static async Task AssertValidAsync(string token, SecurityKey key, DateTimeOffset now, string? issuer = null, string? audience = null)
    {
        var result = await ValidateAsync(token, key, now, issuer, audience);
        Assert.True(result.IsValid, $"token rejected by JsonWebTokenHandler: {result.Exception}");
    }

    private static JsonElement Parse(string segment)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(segment));
        return document.RootElement.Clone();
    }
}
