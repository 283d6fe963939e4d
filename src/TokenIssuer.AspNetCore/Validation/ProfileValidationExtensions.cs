using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using TokenIssuer;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>JwtBearer validation set from a TokenIssuer profile: <c>.AddJwtBearer().ValidateTokensFromProfile("Access")</c>.</summary>
public static class ProfileValidationExtensions
{
    /// <summary>
    /// Sets the <see cref="TokenValidationParameters"/> of the JwtBearer scheme <paramref name="authenticationScheme"/>
    /// from the token profile <paramref name="profile"/>: its issuer, audiences and algorithm, and its keys
    /// (including keys a rotation replaced, while their tokens live), read on every request so reloads apply.
    /// Lifetimes are checked against the app's <see cref="TimeProvider"/> with <paramref name="clockSkew"/> (default 30 s).
    /// </summary>
    public static AuthenticationBuilder ValidateTokensFromProfile(this AuthenticationBuilder builder, string profile,
        string authenticationScheme = JwtBearerDefaults.AuthenticationScheme, TimeSpan? clockSkew = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(profile);
        builder.Services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>>(sp =>
            new ProfileJwtBearerOptions(authenticationScheme, profile, clockSkew ?? TimeSpan.FromSeconds(30),
                sp.GetRequiredService<IJwtKeyRing>, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return builder;
    }

    private sealed class ProfileJwtBearerOptions(string scheme, string profile, TimeSpan clockSkew, Func<IJwtKeyRing> keyRing, TimeProvider time)
        : IPostConfigureOptions<JwtBearerOptions>
    {
        // One SecurityKey per validation key, so IdentityModel's provider cache sees the same key object each time.
        private static readonly ConditionalWeakTable<JwtValidationKey, SecurityKey> SecurityKeys = new();

        public void PostConfigure(string? name, JwtBearerOptions options)
        {
            if (name != scheme) return;
            var ring = keyRing();
            var description = ring.DescribeProfile(profile)
                ?? throw new InvalidOperationException($"JwtBearer scheme \"{scheme}\" validates tokens of profile \"{profile}\", but there is no such profile. Check JwtIssuer:Profiles.");

            var parameters = options.TokenValidationParameters;
            parameters.ValidIssuer = description.Issuer;
            parameters.ValidateIssuer = description.Issuer is not null;
            parameters.ValidAudiences = description.Audiences;
            parameters.ValidateAudience = description.Audiences.Count > 0;
            parameters.ValidAlgorithms = [description.Algorithm.ToString()];
            parameters.ValidateIssuerSigningKey = true;
            parameters.RequireSignedTokens = true;
            parameters.RequireExpirationTime = description.Lifetime is not null;
            parameters.ClockSkew = clockSkew;
            parameters.LifetimeValidator = (notBefore, expires, _, p) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                if (notBefore is { } nbf && now + p.ClockSkew < nbf) return false;
                if (expires is { } exp && now - p.ClockSkew >= exp) return false;
                return expires is not null || !p.RequireExpirationTime;
            };
            parameters.IssuerSigningKeyResolver = (_, _, kid, _) => ResolveKeys(ring, profile, kid);
            options.MapInboundClaims = false;
        }

        private static IEnumerable<SecurityKey> ResolveKeys(IJwtKeyRing ring, string profile, string? kid)
        {
            foreach (var key in ring.ValidationKeys)
            {
                if (!key.Profiles.Contains(profile, StringComparer.OrdinalIgnoreCase)) continue;
                if (kid is not null && key.KeyId != kid) continue;
                yield return SecurityKeys.GetValue(key, ToSecurityKey);
            }
        }

        private static SecurityKey ToSecurityKey(JwtValidationKey key) => key.PublicKey switch
        {
            RSA rsa => new RsaSecurityKey(rsa) { KeyId = key.KeyId },
            ECDsa ecdsa => new ECDsaSecurityKey(ecdsa) { KeyId = key.KeyId },
            _ => new SymmetricSecurityKey(key.GetSecret().ToArray()) { KeyId = key.KeyId },
        };
    }
}
