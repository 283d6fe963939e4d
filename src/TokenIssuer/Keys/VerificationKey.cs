using System.Security.Cryptography;

namespace TokenIssuer;

/// <summary>
/// A key that checks JWS signatures: an HMAC secret, an RSA or RSASSA-PSS public key, or an EC public
/// key. Read by <see cref="PublicKeyReader"/>, or made from the public half of a <see cref="SigningKey"/>.
/// It checks the signature only (no claims): internal, for the tool's <c>decode</c>, not a validator.
/// </summary>
internal sealed class VerificationKey : IDisposable
{
    private readonly byte[]? _secret;
    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;

    private VerificationKey(SigningKeyKind kind, byte[]? secret, RSA? rsa, ECDsa? ecdsa, string? keyId)
    {
        Kind = kind;
        _secret = secret;
        _rsa = rsa;
        _ecdsa = ecdsa;
        KeyId = keyId;
        CurveName = ecdsa is null ? null : EcCurves.OpenSslName(ecdsa);
    }

    public SigningKeyKind Kind { get; }

    /// <summary>The secret length, RSA modulus or EC field size, in bits.</summary>
    public int KeySizeInBits => _secret is not null ? _secret.Length * 8 : (_rsa?.KeySize ?? _ecdsa!.KeySize);

    /// <summary>The <c>kid</c> of a JWK; null for other keys.</summary>
    public string? KeyId { get; }

    /// <summary>OpenSSL's name of an EC key's curve (<see cref="EcCurves"/>); null for other keys.</summary>
    public string? CurveName { get; }

    /// <summary>An HMAC secret; the array is owned (and zeroed on disposal) by the key.</summary>
    public static VerificationKey FromSecret(byte[] secret, string? keyId = null)
        => secret.Length > 0 ? new(SigningKeyKind.Symmetric, secret, null, null, keyId) : throw SigningErrors.EmptySecret();

    /// <summary>An HMAC secret: the UTF-8 bytes of <paramref name="secret"/>.</summary>
    public static VerificationKey FromSecret(string secret) => FromSecret(System.Text.Encoding.UTF8.GetBytes(secret));

    /// <summary>An HMAC secret written in base64 or base64url (padding optional), as <see cref="SigningKey.FromBase64Secret"/> reads it.</summary>
    public static VerificationKey FromBase64Secret(string base64) => FromSecret(KeyEncoding.DecodeBase64OrBase64Url(base64.Trim(), "secret"));

    /// <summary>An RSA key (its private part, if any, is not used); <paramref name="pssOnly"/> for an <c>id-RSASSA-PSS</c> key. Owned by the key.</summary>
    public static VerificationKey FromRsa(RSA rsa, bool pssOnly, string? keyId = null)
        => new(pssOnly ? SigningKeyKind.RsaPss : SigningKeyKind.Rsa, null, rsa, null, keyId);

    /// <summary>An EC key (its private part, if any, is not used). Owned by the key.</summary>
    public static VerificationKey FromECDsa(ECDsa ecdsa, string? keyId = null)
        => new(SigningKeyKind.EllipticCurve, null, null, ecdsa, keyId);

    /// <summary>The public half of <paramref name="key"/> (for a secret, a copy of it), independent of it.</summary>
    public static VerificationKey FromSigningKey(SigningKey key) => key switch
    {
        RsaSigningKey rsa => FromRsa(RSA.Create(rsa.Rsa.ExportParameters(includePrivateParameters: false)), rsa.IsPssKey, key.KeyId),
        EcdsaSigningKey ec => FromECDsa(ECDsa.Create(ec.Ecdsa.ExportParameters(includePrivateParameters: false)), key.KeyId),
        SymmetricSigningKey secret => FromSecret(secret.CopySecret(), key.KeyId),
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    /// <summary>
    /// True when the key can check <paramref name="algorithm"/>'s signatures: the family fits the kind
    /// (<see cref="SigningKeyKinds.Fits"/>) and, for ES*, the key is on the algorithm's curve.
    /// </summary>
    public bool Fits(JwtAlgorithm algorithm)
        => SigningKeyKinds.Fits(Kind, JwtAlgorithmNames.Family(algorithm))
           && (Kind != SigningKeyKind.EllipticCurve || CurveName == EcCurves.CurveFor(algorithm));

    /// <summary>
    /// True when <paramref name="signature"/> is <paramref name="algorithm"/>'s signature of
    /// <paramref name="signingInput"/> under this key; false when it is not, or the key does not fit the algorithm.
    /// </summary>
    public bool Verify(JwtAlgorithm algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (!Fits(algorithm)) return false;
        int bits = JwtAlgorithmNames.HashBits(algorithm);
        switch (Kind)
        {
            case SigningKeyKind.Symmetric:
                ObjectDisposedException.ThrowIf(_disposed, this);
                Span<byte> expected = stackalloc byte[HashAlgorithms.MaxHashSize];
                int length = HashAlgorithms.Hmac(bits, _secret, signingInput, expected);
                return CryptographicOperations.FixedTimeEquals(expected[..length], signature);
            case SigningKeyKind.EllipticCurve:
                // JWS signatures are raw r || s (IEEE P1363), each half as long as the curve's field.
                return signature.Length == 2 * EcCurves.SignatureHalfSize(algorithm)
                       && _ecdsa!.VerifyData(signingInput, signature, HashAlgorithms.ForBits(bits), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            default:
                // .NET's PSS uses MGF1 with the same hash and a salt as long as the hash, as RFC 7518 §3.5 requires.
                var padding = JwtAlgorithmNames.Family(algorithm) == JwtAlgorithmFamily.RsaPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
                return _rsa!.VerifyData(signingInput, signature, HashAlgorithms.ForBits(bits), padding);
        }
    }

    /// <summary>The public key as a PEM SubjectPublicKeyInfo (BEGIN PUBLIC KEY); an HMAC secret has none.</summary>
    /// <exception cref="JwtSigningException">The key is an HMAC secret.</exception>
    public string ExportPublicKeyPem()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _rsa?.ExportSubjectPublicKeyInfoPem() ?? _ecdsa?.ExportSubjectPublicKeyInfoPem() ?? throw NoPublicKey();
    }

    /// <summary>The public JWK members (kty and the key's parameters); an HMAC secret has none.</summary>
    /// <exception cref="JwtSigningException">The key is an HMAC secret.</exception>
    public Dictionary<string, string> PublicJwk()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_rsa is not null) return PublicJwkMembers.Rsa(_rsa.ExportParameters(includePrivateParameters: false));
        if (_ecdsa is not null) return PublicJwkMembers.Ec(_ecdsa.ExportParameters(includePrivateParameters: false), CurveName!);
        throw NoPublicKey();
    }

    private static JwtSigningException NoPublicKey()
        => new("key", "The key is an HMAC secret, which has no public part: whoever verifies needs the secret itself, and it is never published.");

    private bool _disposed;

    public void Dispose()
    {
        _disposed = true;
        if (_secret is not null) CryptographicOperations.ZeroMemory(_secret);
        _rsa?.Dispose();
        _ecdsa?.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} verification key ({KeySizeInBits} bits)";
}
