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
            if (ring.DescribeProfile(profile) is null)
            {
                throw new InvalidOperationException($"JwtBearer scheme \"{scheme}\" validates tokens of profile \"{profile}\", but there is no such profile. Check JwtIssuer:Profiles.");
            }

            // Everything is read from the profile on each request (not copied here once), so a
            // configuration reload that changes the issuer, audiences, algorithm or keys applies at once.
            var parameters = options.TokenValidationParameters;
            parameters.ValidateIssuer = true;
            parameters.IssuerValidator = (issuer, _, _) =>
            {
                var expected = Describe(ring).Issuer;
                if (expected is null || issuer == expected) return issuer;
                throw new SecurityTokenInvalidIssuerException($"The token's issuer is not the issuer of profile \"{profile}\".") { InvalidIssuer = issuer };
            };
            parameters.ValidateAudience = true;
            parameters.AudienceValidator = (audiences, _, _) =>
            {
                var expected = Describe(ring).Audiences;
                return expected.Count == 0 || audiences.Any(expected.Contains);
            };
            parameters.ValidateIssuerSigningKey = true;
            parameters.RequireSignedTokens = true;
            parameters.AlgorithmValidator = (algorithm, key, _, _) =>
                ring.ValidationKeys.Any(k => k.KeyId == key.KeyId && k.Algorithm.ToString() == algorithm && IsOfProfile(k));
            parameters.ClockSkew = clockSkew;
            parameters.LifetimeValidator = (notBefore, expires, _, p) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                if (notBefore is { } nbf && now + p.ClockSkew < nbf) return false;
                if (expires is { } exp && now - p.ClockSkew >= exp) return false;
                return expires is not null || Describe(ring).Lifetime is null;
            };
            parameters.IssuerSigningKeyResolver = (_, _, kid, _) => ResolveKeys(ring, kid);
            options.MapInboundClaims = false;
        }

        private JwtProfileDescription Describe(IJwtKeyRing ring)
            => ring.DescribeProfile(profile) ?? throw new SecurityTokenValidationException($"The profile \"{profile}\" is no longer configured.");

        private bool IsOfProfile(JwtValidationKey key) => key.Profiles.Contains(profile, StringComparer.OrdinalIgnoreCase);

        /// <summary>The profile's current keys and the keys it signed with before a rotation, while their tokens live.</summary>
        private IEnumerable<SecurityKey> ResolveKeys(IJwtKeyRing ring, string? kid)
        {
            foreach (var key in ring.ValidationKeys)
            {
                if (!IsOfProfile(key)) continue;
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
