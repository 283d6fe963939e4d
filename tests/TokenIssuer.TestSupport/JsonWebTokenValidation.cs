using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.TestSupport;

/// <summary>Tokens checked with Microsoft.IdentityModel's <see cref="JsonWebTokenHandler"/>: a validator independent of the engine.</summary>
public static class JsonWebTokenValidation
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>
    /// Validates signature, issuer, audience and lifetime, the lifetime judged at <paramref name="now"/>
    /// (the test's fake clock) rather than the real clock.
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
}
