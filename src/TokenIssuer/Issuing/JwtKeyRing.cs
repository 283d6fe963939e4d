using System.Buffers.Text;
using System.Security.Cryptography;

namespace TokenIssuer;

/// <summary>
/// The keys that validate this app's tokens: those of the current configuration and, for as long as
/// tokens they signed can still be valid, those replaced by a rotation. What a JWKS endpoint publishes
/// and what JwtBearer validation uses. Registered by <c>AddJwtIssuer()</c>.
/// </summary>
public interface IJwtKeyRing
{
    /// <summary>Every validation key: asymmetric public keys, and (never published) the secrets of HMAC profiles.</summary>
    IReadOnlyList<JwtValidationKey> ValidationKeys { get; }

    /// <summary>What a validator needs to know about a profile, or null when there is no such profile.</summary>
    JwtProfileDescription? DescribeProfile(string profile);
}

/// <summary>A profile as a validator sees it.</summary>
/// <param name="Name">The profile name.</param>
/// <param name="Algorithm">The algorithm its tokens are signed with.</param>
/// <param name="Issuer">The <c>iss</c> claim, if the profile sets one.</param>
/// <param name="Audiences">The <c>aud</c> values, if the profile sets them.</param>
/// <param name="KeyId">The <c>kid</c> of its current signing key.</param>
/// <param name="Lifetime">Its tokens' lifetime, if they expire.</param>
public sealed record JwtProfileDescription(string Name, JwtAlgorithm Algorithm, string? Issuer, IReadOnlyList<string> Audiences, string? KeyId, TimeSpan? Lifetime)
{
    /// <summary>The <c>typ</c> header its tokens carry (the profile's <c>Header.typ</c>, else <c>JWT</c>), which tells its tokens from another profile's.</summary>
    public string? TokenType { get; init; } = "JWT";
}

/// <summary>One validation key: its <c>kid</c>, the algorithm it signs, and its public part (or, for HMAC, the secret).</summary>
public sealed class JwtValidationKey
{
    private readonly byte[]? _secret;

    private JwtValidationKey(string keyId, JwtAlgorithm algorithm, SigningKeyKind kind, AsymmetricAlgorithm? publicKey, byte[]? secret, IReadOnlyDictionary<string, string> jwk)
    {
        KeyId = keyId;
        Algorithm = algorithm;
        Kind = kind;
        PublicKey = publicKey;
        _secret = secret;
        PublicJwk = jwk;
    }

    /// <summary>The <c>kid</c> tokens signed with this key carry.</summary>
    public string KeyId { get; }

    /// <summary>The algorithm this key signs with.</summary>
    public JwtAlgorithm Algorithm { get; }

    /// <summary>The key's kind.</summary>
    public SigningKeyKind Kind { get; }

    /// <summary>True for HMAC secrets, which are never published.</summary>
    public bool IsSymmetric => Kind == SigningKeyKind.Symmetric;

    /// <summary>A public-only <see cref="RSA"/> or <see cref="ECDsa"/>; null for HMAC secrets.</summary>
    public AsymmetricAlgorithm? PublicKey { get; }

    /// <summary>The public JWK members (<c>kty</c>, <c>n</c>/<c>e</c> or <c>crv</c>/<c>x</c>/<c>y</c>); empty for HMAC secrets.</summary>
    public IReadOnlyDictionary<string, string> PublicJwk { get; }

    /// <summary>The profiles that sign (or signed) with this key; empty for a configured key no profile uses.</summary>
    public IReadOnlyCollection<string> Profiles => _profiles;

    private readonly HashSet<string> _profiles = new(StringComparer.OrdinalIgnoreCase);

    internal void AddProfile(string profile) => _profiles.Add(profile);

    /// <summary>When a rotation replaced it: the time after which it is dropped. Null while it is configured.</summary>
    public DateTimeOffset? RetiredUntil { get; internal set; }

    /// <summary>The HMAC secret, for validating this app's own HS* tokens. Key material: never log or publish it.</summary>
    public ReadOnlySpan<byte> GetSecret() => _secret ?? throw new InvalidOperationException($"{KeyId} is not an HMAC secret.");

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} validation key \"{KeyId}\" ({Algorithm})";

    internal static JwtValidationKey From(string keyId, JwtAlgorithm algorithm, SigningKey key)
    {
        switch (key)
        {
            case RsaSigningKey rsa:
            {
                var parameters = rsa.Rsa.ExportParameters(includePrivateParameters: false);
                var jwk = new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["n"] = Base64Url.EncodeToString(parameters.Modulus),
                    ["e"] = Base64Url.EncodeToString(parameters.Exponent),
                };
                return new JwtValidationKey(keyId, algorithm, key.Kind, RSA.Create(parameters), null, jwk);
            }
            case EcdsaSigningKey ec:
            {
                var parameters = ec.Ecdsa.ExportParameters(includePrivateParameters: false);
                var jwk = new Dictionary<string, string>
                {
                    ["kty"] = "EC",
                    ["crv"] = ec.CurveName switch { EcCurves.P256 => "P-256", EcCurves.P384 => "P-384", EcCurves.P521 => "P-521", _ => ec.CurveName },
                    ["x"] = Base64Url.EncodeToString(parameters.Q.X),
                    ["y"] = Base64Url.EncodeToString(parameters.Q.Y),
                };
                return new JwtValidationKey(keyId, algorithm, key.Kind, ECDsa.Create(parameters), null, jwk);
            }
            case SymmetricSigningKey secret:
                return new JwtValidationKey(keyId, algorithm, key.Kind, null, secret.CopySecret(), new Dictionary<string, string>());
            default:
                throw new ArgumentOutOfRangeException(nameof(key));
        }
    }
}

/// <summary>Builds the validation keys of a plan set: one per (kid, key, algorithm) that tokens can carry.</summary>
internal static class ValidationKeyBuilder
{
    private static TimeSpan? Longest(TimeSpan? a, TimeSpan? b) => a is null || b is null ? null : a > b ? a : b;

    public static List<(JwtValidationKey Key, TimeSpan? Lifetime)> Build(PlanSet plans)
    {
        var result = new List<(JwtValidationKey Key, TimeSpan? Lifetime)>();
        var byKey = new Dictionary<(string, SigningKey, JwtAlgorithm), int>();
        foreach (var plan in plans.Plans.Values.OrderBy(p => p.Profile, StringComparer.Ordinal))
        {
            string keyId = plan.KeyId ?? plan.Key.KeyId;
            TimeSpan? lifetime = plan.ClaimOptions.ExpiresIn?.ToTimeSpan();
            if (byKey.TryGetValue((keyId, plan.Key.Key, plan.Algorithm), out int index))
            {
                var existing = result[index];
                result[index] = (existing.Key, Longest(existing.Lifetime, lifetime));
            }
            else
            {
                byKey[(keyId, plan.Key.Key, plan.Algorithm)] = result.Count;
                result.Add((JwtValidationKey.From(keyId, plan.Algorithm, plan.Key.Key), lifetime));
            }
            result[byKey[(keyId, plan.Key.Key, plan.Algorithm)]].Key.AddProfile(plan.Profile);
        }
        foreach (var key in plans.Keys)
        {
            // Configured but unused keys (kept for rotation) are published under their default algorithm.
            if (result.Any(r => r.Key.KeyId == key.KeyId) || key.Key.DefaultAlgorithm is not { } algorithm) continue;
            result.Add((JwtValidationKey.From(key.KeyId, algorithm, key.Key), null));
        }
        return result;
    }
}
