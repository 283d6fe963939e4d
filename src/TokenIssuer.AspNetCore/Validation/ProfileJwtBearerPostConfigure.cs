using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.AspNetCore;

/// <summary>The <see cref="TokenValidationParameters"/> of one JwtBearer scheme, set from a TokenIssuer profile.</summary>
internal sealed class ProfileJwtBearerPostConfigure(string scheme, string profile, TimeSpan clockSkew, Func<IJwtKeyRing?> keyRing, TimeProvider time)
    : IPostConfigureOptions<JwtBearerOptions>
{
    /// <summary>The JWT claim names (RFC 7519, RFC 9068 §2.2.3.1 uses <c>roles</c>; TokenIssuer's profiles and jsonwebtoken use <c>role</c>).</summary>
    internal const string RoleClaim = "role", NameClaim = "name", SubjectClaim = "sub";

    // One SecurityKey per validation key, so IdentityModel's provider cache sees the same key object each time.
    private static readonly ConditionalWeakTable<JwtValidationKey, SecurityKey> SecurityKeys = new();

    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        if (name != scheme) return;
        // Without TokenIssuer (no AddJwtIssuer) or the profile, ProfileSchemeValidator fails start-up with the reason.
        if (keyRing() is not { } ring) return;

        // Everything is read from the profile on each request (not copied here once), so a configuration
        // reload that changes the issuer, audiences, algorithm, typ or keys applies at once.
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
        PinType(parameters, ring);
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
        UseJwtClaimNames(parameters);
    }

    /// <summary>
    /// Only tokens of this profile's kind (RFC 8725 §3.11): its <c>typ</c> header, so that a refresh token signed
    /// with the same key, issuer and audience does not pass as an access token. Media types compare without case
    /// (RFC 7515 §4.1.9). <c>ValidTypes</c> shows the type at start-up; the validator reads the current one.
    /// </summary>
    private void PinType(TokenValidationParameters parameters, IJwtKeyRing ring)
    {
        if (ring.DescribeProfile(profile)?.TokenType is { } type) parameters.ValidTypes = [type];
        parameters.TypeValidator = (type, token, _) =>
        {
            var description = Describe(ring);
            var expected = description.TokenType;
            if (!string.Equals(string.IsNullOrEmpty(type) ? null : type, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new SecurityTokenInvalidTypeException(
                    $"The token's typ is not \"{expected ?? "(none)"}\", the typ of profile \"{profile}\": it is a token of another kind.") { InvalidType = type };
            }
            RequireClaims(token, description);
            return type;
        };
    }

    /// <summary>
    /// The claims every token of the profile carries (an RFC 9068 profile's iss, exp, aud, sub, client_id, iat, jti,
    /// §4 of which says a resource server must check them): a token without one is not of this profile, whatever signed it.
    /// </summary>
    private void RequireClaims(SecurityToken token, JwtProfileDescription description)
    {
        if (description.RequiredClaims.Count == 0) return;
        foreach (string claim in description.RequiredClaims)
        {
            if (token is JsonWebToken jwt && jwt.TryGetClaim(claim, out Claim _)) continue;
            throw new SecurityTokenValidationException($"The token has no \"{claim}\" claim, which every token of profile \"{profile}\" carries (RFC 9068 §2.2).");
        }
    }

    /// <summary>
    /// Claim mapping is off, so roles and the name keep their JWT names; point the identity at them unless the app
    /// chose other claim types. The name is <c>name</c>, or <c>sub</c> for a token without one (a service token).
    /// </summary>
    private static void UseJwtClaimNames(TokenValidationParameters parameters)
    {
        if (parameters.RoleClaimType == ClaimsIdentity.DefaultRoleClaimType && parameters.RoleClaimTypeRetriever is null)
        {
            parameters.RoleClaimType = RoleClaim;
        }
        if (parameters.NameClaimType == ClaimsIdentity.DefaultNameClaimType && parameters.NameClaimTypeRetriever is null)
        {
            parameters.NameClaimType = NameClaim;
            // Reads NameClaimType when called, so a later PostConfigure that changes it still decides.
            parameters.NameClaimTypeRetriever = (token, _) =>
                parameters.NameClaimType == NameClaim && token is JsonWebToken jwt && !jwt.TryGetClaim(NameClaim, out Claim _) ? SubjectClaim : parameters.NameClaimType;
        }
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
