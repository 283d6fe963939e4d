using System.Security.Cryptography;

namespace TokenIssuer;

/// <summary>
/// The restrictions an RSASSA-PSS key (<c>id-RSASSA-PSS</c> in PKCS#8) carries in its parameters.
/// Hash names are OpenSSL's (<c>sha256</c>, <c>sha1</c>, …); a key without parameters is unrestricted.
/// </summary>
internal sealed record RsaPssRestriction(string HashAlgorithm, string MaskGenHashAlgorithm, int SaltLength);

/// <summary>An RSA private key; an RSASSA-PSS key when <see cref="IsPssKey"/>.</summary>
internal sealed class RsaSigningKey : SigningKey
{
    private readonly RSA _rsa;

    internal RsaSigningKey(RSA rsa, bool isPssKey, RsaPssRestriction? pssRestriction, string? keyId, JwtAlgorithm? preferredAlgorithm = null)
        : base(keyId, preferredAlgorithm)
    {
        _rsa = rsa;
        IsPssKey = isPssKey;
        PssRestriction = pssRestriction;
    }

    /// <summary>An <c>id-RSASSA-PSS</c> key: PS* only.</summary>
    internal bool IsPssKey { get; }

    /// <summary>The parameters of an RSASSA-PSS key; null when it has none (or is a plain RSA key).</summary>
    internal RsaPssRestriction? PssRestriction { get; }

    internal RSA Rsa => _rsa;

    public override SigningKeyKind Kind => IsPssKey ? SigningKeyKind.RsaPss : SigningKeyKind.Rsa;

    public override int KeySizeInBits => _rsa.KeySize;

    private protected override JwtAlgorithm? NaturalAlgorithm => IsPssKey ? JwtAlgorithm.PS256 : JwtAlgorithm.RS256;

    public override string ExportPrivateKey() => _rsa.ExportPkcs8PrivateKeyPem();

    internal override int GetSignatureSize(JwtAlgorithm algorithm) => (_rsa.KeySize + 7) / 8;

    // The hash buffer is written before it is read: no zeroing.
    [System.Runtime.CompilerServices.SkipLocalsInit]
    internal override int Sign(JwtAlgorithm algorithm, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        int bits = JwtAlgorithmNames.HashBits(algorithm);
        Span<byte> hash = stackalloc byte[HashAlgorithms.MaxHashSize];
        int hashLength = HashAlgorithms.Hash(bits, data, hash);
        // RSASignaturePadding.Pss uses a salt as long as the hash and MGF1 with the same hash, as JWA wants.
        var padding = JwtAlgorithmNames.Family(algorithm) == JwtAlgorithmFamily.RsaPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        try
        {
            if (_rsa.TrySignHash(hash[..hashLength], destination, HashAlgorithms.ForBits(bits), padding, out int written)) return written;
        }
        catch (CryptographicException e)
        {
            // E.g. PS512 with a 1024-bit key (allowed by AllowInsecureKeySizes): the PSS encoding does not fit.
            throw SigningErrors.SignatureFailed(algorithm, KeySizeInBits, e);
        }
        throw SigningErrors.SignatureFailed(algorithm, KeySizeInBits, null);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _rsa.Dispose();
    }
}
