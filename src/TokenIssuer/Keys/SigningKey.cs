using System.Security.Cryptography;
using System.Text;

namespace TokenIssuer;

/// <summary>The kind of a <see cref="SigningKey"/>, which decides the algorithms it can sign with.</summary>
public enum SigningKeyKind
{
    /// <summary>An HMAC secret (HS256/384/512).</summary>
    Symmetric,
    /// <summary>An RSA private key (RS* and PS*).</summary>
    Rsa,
    /// <summary>An RSASSA-PSS private key (<c>id-RSASSA-PSS</c>), usable with PS* only.</summary>
    RsaPss,
    /// <summary>An elliptic-curve private key (ES*).</summary>
    EllipticCurve,
}

/// <summary>
/// A key that signs tokens: an HMAC secret or an RSA, RSASSA-PSS or EC private key. Create one with the
/// <c>From…</c> factories; a key is immutable, thread-safe, and should be disposed when no longer used.
/// Neither <see cref="object.ToString"/> nor any error message shows key material.
/// </summary>
public abstract class SigningKey : IDisposable
{
    private readonly JwtAlgorithm? _preferredAlgorithm;

    private protected SigningKey(string? keyId, JwtAlgorithm? preferredAlgorithm)
    {
        KeyId = keyId;
        _preferredAlgorithm = preferredAlgorithm;
    }

    /// <summary>The key's identifier, written as the <c>kid</c> header unless the options give one.</summary>
    public string? KeyId { get; }

    /// <summary>What kind of key this is.</summary>
    public abstract SigningKeyKind Kind { get; }

    /// <summary>The key size in bits (secret length, RSA modulus, or EC field size).</summary>
    public abstract int KeySizeInBits { get; }

    /// <summary>
    /// The algorithm used when neither the options nor the header name one: a JWK's <c>alg</c>, else
    /// HS256 for a secret, RS256 for RSA, PS256 for RSASSA-PSS, and ES256/384/512 by EC curve; null
    /// when nothing fits (an EC key on another curve).
    /// </summary>
    public JwtAlgorithm? DefaultAlgorithm => _preferredAlgorithm ?? NaturalAlgorithm;

    private protected abstract JwtAlgorithm? NaturalAlgorithm { get; }

    // FromSecret is overloaded on the secret's form, so the kid is an explicit overload rather than an
    // optional parameter: optional parameters on several overloads cannot grow without breaking callers.

    /// <summary>An HMAC secret: the UTF-8 bytes of <paramref name="secret"/>.</summary>
    public static SigningKey FromSecret(string secret) => FromSecret(secret, keyId: null);

    /// <summary>An HMAC secret: the UTF-8 bytes of <paramref name="secret"/>, with the <c>kid</c> <paramref name="keyId"/>.</summary>
    public static SigningKey FromSecret(string secret, string? keyId)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return FromSecret(Encoding.UTF8.GetBytes(secret), keyId);
    }

    /// <summary>An HMAC secret from raw bytes (copied).</summary>
    public static SigningKey FromSecret(ReadOnlySpan<byte> secret) => FromSecret(secret, keyId: null);

    /// <summary>An HMAC secret from raw bytes (copied), with the <c>kid</c> <paramref name="keyId"/>.</summary>
    public static SigningKey FromSecret(ReadOnlySpan<byte> secret, string? keyId)
    {
        if (secret.IsEmpty) throw SigningErrors.EmptySecret();
        return new SymmetricSigningKey(secret.ToArray(), keyId);
    }

    /// <summary>An HMAC secret written in base64 or base64url (padding optional).</summary>
    public static SigningKey FromBase64Secret(string base64, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(base64);
        return FromSecret(KeyEncoding.DecodeBase64OrBase64Url(base64.Trim(), "secret"), keyId);
    }

    /// <summary>
    /// A private key in PEM: PKCS#8 (<c>PRIVATE KEY</c>, including RSASSA-PSS keys), PKCS#1
    /// (<c>RSA PRIVATE KEY</c>), SEC1 (<c>EC PRIVATE KEY</c>, also with explicit curve parameters), or, with
    /// <paramref name="passphrase"/>, encrypted PKCS#8 (<c>ENCRYPTED PRIVATE KEY</c>) or a legacy encrypted PEM
    /// (<c>Proc-Type: 4,ENCRYPTED</c>). Text around the PEM block is ignored.
    /// </summary>
    public static SigningKey FromPem(string pem, string? passphrase = null, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(pem);
        return PemKeyReader.Read(pem, passphrase, keyId);
    }

    /// <summary>Reads <see cref="FromPem"/> from a file.</summary>
    public static SigningKey FromPemFile(string path, string? passphrase = null, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new JwtSigningException("key", $"The key file \"{path}\" cannot be read: {e.Message}", e);
        }
        return PemKeyReader.Read(text, passphrase, keyId, source: path);
    }

    /// <summary>
    /// A private JSON Web Key (RFC 7517): <c>kty</c> <c>RSA</c>, <c>EC</c> (P-256, P-384, P-521) or
    /// <c>oct</c>. Its <c>kid</c> becomes <see cref="KeyId"/> and its <c>alg</c> the default algorithm.
    /// </summary>
    public static SigningKey FromJwk(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JwkKeyReader.Read(json);
    }

    /// <summary>Wraps an RSA private key. The key object is used as is and disposed with this key.</summary>
    public static SigningKey FromRsa(RSA rsa, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(rsa);
        return new RsaSigningKey(rsa, isPssKey: false, pssRestriction: null, keyId);
    }

    /// <summary>Wraps an EC private key. The key object is used as is and disposed with this key.</summary>
    public static SigningKey FromECDsa(ECDsa ecdsa, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(ecdsa);
        return new EcdsaSigningKey(ecdsa, keyId);
    }

    /// <summary>
    /// jsonwebtoken's rule for a key given as a bare string: the PEM text of a private key is that key;
    /// any other string (a public key, a certificate, a PEM whose body is no key) is an HMAC secret of
    /// its UTF-8 bytes. A private key TokenIssuer cannot use (encrypted, DSA, OpenSSH, Ed25519, …) is an
    /// error, never a secret. Prefer the explicit factories, which report a PEM that does not parse.
    /// </summary>
    public static SigningKey FromJsonWebTokenString(string keyMaterial)
    {
        ArgumentNullException.ThrowIfNull(keyMaterial);
        if (keyMaterial.Length == 0) throw SigningErrors.EmptySecret();
        return PemKeyReader.TryReadPrivateKey(keyMaterial) ?? FromSecret(keyMaterial);
    }

    /// <summary>Creates a fresh key that fits <paramref name="algorithm"/>: a secret as long as its hash, RSA 2048, or the EC curve.</summary>
    public static SigningKey Generate(JwtAlgorithm algorithm, string? keyId = null)
        => KeyGenerator.Generate(algorithm, keyId);

    /// <summary>
    /// The private key as PKCS#8 PEM, or, for a secret, its base64url text. This is key material: keep it
    /// out of logs.
    /// </summary>
    public abstract string ExportPrivateKey();

    // The last header signed with this key, already in base64url: most callers sign with the same
    // algorithm and kid every time, so the header JSON is written once rather than per token.
    private EncodedHeader? _lastHeader;

    internal byte[] GetEncodedHeader(JwtAlgorithm algorithm, string? keyId, bool objectPayload)
    {
        var last = Volatile.Read(ref _lastHeader);
        if (last is not null && last.Algorithm == algorithm && last.ObjectPayload == objectPayload && last.KeyId == keyId) return last.Bytes;
        var created = new EncodedHeader(algorithm, keyId, objectPayload, JwtHeaderWriter.Encode(algorithm, keyId, objectPayload));
        Volatile.Write(ref _lastHeader, created);
        return created.Bytes;
    }

    private sealed record EncodedHeader(JwtAlgorithm Algorithm, string? KeyId, bool ObjectPayload, byte[] Bytes);

    internal abstract int GetSignatureSize(JwtAlgorithm algorithm);

    /// <summary>Signs <paramref name="data"/> and returns the signature length in bytes.</summary>
    internal abstract int Sign(JwtAlgorithm algorithm, ReadOnlySpan<byte> data, Span<byte> destination);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the key objects.</summary>
    protected abstract void Dispose(bool disposing);

    /// <inheritdoc/>
    public override string ToString()
        => KeyId is null ? $"{Kind} key ({KeySizeInBits} bits)" : $"{Kind} key ({KeySizeInBits} bits, kid \"{KeyId}\")";
}
