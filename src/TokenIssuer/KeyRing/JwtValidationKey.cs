using System.Security.Cryptography;

namespace TokenIssuer;

/// <summary>
/// One validation key: its <c>kid</c>, the algorithm it signs, and its public part. An HMAC key's secret
/// is held here for this app's own validation, and never handed out.
/// </summary>
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

    /// <summary>
    /// <see cref="JwtKeyState.Active"/> while a profile signs with it, <see cref="JwtKeyState.Announced"/> for a
    /// configured key no profile signs with, <see cref="JwtKeyState.Retired"/> once a rotation replaced it.
    /// </summary>
    public JwtKeyState State { get; internal set; } = JwtKeyState.Active;

    /// <summary>The name of the configured key under <c>Keys</c> (or <c>development:{profile}</c>).</summary>
    internal string? KeyName { get; set; }

    /// <summary>The configuration path that chose its <c>kid</c> (a <c>KeyId</c>, a JWK's own), for messages; null for the thumbprint.</summary>
    internal string? KeyIdOption { get; set; }

    /// <summary>The profiles that sign (or signed) with this key; empty for a configured key no profile uses.</summary>
    public IReadOnlyCollection<string> Profiles => _profiles;

    private readonly HashSet<string> _profiles = new(StringComparer.OrdinalIgnoreCase);

    internal void AddProfile(string profile) => _profiles.Add(profile);

    /// <summary>When a rotation replaced it: the time after which it is dropped. Null while it is configured.</summary>
    /// <remarks>Bookkeeping of the key ring, which drops the key itself once this has passed.</remarks>
    internal DateTimeOffset? RetiredUntil { get; set; }

    /// <summary>The same key material (public parameters, or the secret), whatever its kid and algorithm.</summary>
    internal bool SameMaterial(JwtValidationKey other)
        => Kind == other.Kind && PublicJwk.Count == other.PublicJwk.Count
            && PublicJwk.All(p => other.PublicJwk.TryGetValue(p.Key, out var v) && v == p.Value)
            && (!IsSymmetric || System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(GetSecret(), other.GetSecret()));

    /// <summary>A retired copy of this entry, kept until <paramref name="until"/> (the key objects are shared).</summary>
    internal JwtValidationKey Retire(DateTimeOffset until)
    {
        var retired = new JwtValidationKey(KeyId, Algorithm, Kind, PublicKey, _secret, PublicJwk)
        {
            State = JwtKeyState.Retired,
            RetiredUntil = until,
            KeyName = KeyName,
            KeyIdOption = KeyIdOption,
        };
        foreach (var profile in _profiles) retired.AddProfile(profile);
        return retired;
    }

    /// <summary>The HMAC secret, for validating this app's own HS* tokens. Key material: never log or publish it.</summary>
    /// <remarks>
    /// Internal, so that no service consumer can read the app's secrets through <see cref="IJwtKeyRing"/>:
    /// TokenIssuer.AspNetCore (InternalsVisibleTo) turns it into the JwtBearer validation key.
    /// </remarks>
    internal ReadOnlySpan<byte> GetSecret() => _secret ?? throw new InvalidOperationException($"{KeyId} is not an HMAC secret.");

    /// <inheritdoc/>
    public override string ToString() => $"{State} {Kind} validation key \"{KeyId}\" ({Algorithm})";

    internal static JwtValidationKey From(string keyId, JwtAlgorithm algorithm, SigningKey key)
    {
        switch (key)
        {
            case RsaSigningKey rsa:
            {
                var parameters = rsa.Rsa.ExportParameters(includePrivateParameters: false);
                var jwk = PublicJwkMembers.Rsa(parameters);
                return new JwtValidationKey(keyId, algorithm, key.Kind, RSA.Create(parameters), null, jwk);
            }
            case EcdsaSigningKey ec:
            {
                var parameters = ec.Ecdsa.ExportParameters(includePrivateParameters: false);
                var jwk = PublicJwkMembers.Ec(parameters, ec.CurveName);
                return new JwtValidationKey(keyId, algorithm, key.Kind, ECDsa.Create(parameters), null, jwk);
            }
            case SymmetricSigningKey secret:
                return new JwtValidationKey(keyId, algorithm, key.Kind, null, secret.CopySecret(), new Dictionary<string, string>());
            default:
                throw new ArgumentOutOfRangeException(nameof(key));
        }
    }
}
