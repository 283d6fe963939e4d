using System.Security.Cryptography;

namespace TokenIssuer;

/// <summary>An elliptic-curve private key. Signatures are JOSE's raw <c>r‖s</c> (IEEE P1363), not DER.</summary>
internal sealed class EcdsaSigningKey : SigningKey
{
    private readonly ECDsa _ecdsa;

    internal EcdsaSigningKey(ECDsa ecdsa, string? keyId, JwtAlgorithm? preferredAlgorithm = null)
        : base(keyId, preferredAlgorithm)
    {
        _ecdsa = ecdsa;
        FieldSizeBytes = (ecdsa.KeySize + 7) / 8;
        CurveName = EcCurves.OpenSslName(ecdsa);
    }

    /// <summary>OpenSSL's name of the curve (<c>prime256v1</c>, <c>secp384r1</c>, …), as jsonwebtoken reports it.</summary>
    internal string CurveName { get; }

    internal int FieldSizeBytes { get; }

    internal ECDsa Ecdsa => _ecdsa;

    public override SigningKeyKind Kind => SigningKeyKind.EllipticCurve;

    public override int KeySizeInBits => _ecdsa.KeySize;

    private protected override JwtAlgorithm? NaturalAlgorithm => EcCurves.AlgorithmFor(CurveName);

    public override string ExportPrivateKey() => _ecdsa.ExportPkcs8PrivateKeyPem();

    internal override int GetSignatureSize(JwtAlgorithm algorithm) => 2 * EcCurves.SignatureHalfSize(algorithm);

    // The hash and raw-signature buffers are written before they are read: no zeroing.
    [System.Runtime.CompilerServices.SkipLocalsInit]
    internal override int Sign(JwtAlgorithm algorithm, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        int half = EcCurves.SignatureHalfSize(algorithm);
        if (FieldSizeBytes > half)
        {
            // Only reachable with AllowInvalidAsymmetricKeyTypes: the signature halves would not fit.
            throw SigningErrors.CurveTooLargeForAlgorithm(algorithm, CurveName);
        }

        Span<byte> hash = stackalloc byte[HashAlgorithms.MaxHashSize];
        int hashLength = HashAlgorithms.Hash(JwtAlgorithmNames.HashBits(algorithm), data, hash);
        Span<byte> raw = stackalloc byte[2 * 66];
        int written;
        try
        {
            if (!_ecdsa.TrySignHash(hash[..hashLength], raw, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out written))
            {
                throw SigningErrors.SignatureFailed(algorithm, KeySizeInBits, null);
            }
        }
        catch (CryptographicException e)
        {
            throw SigningErrors.SignatureFailed(algorithm, KeySizeInBits, e);
        }

        if (FieldSizeBytes == half)
        {
            raw[..written].CopyTo(destination);
            return written;
        }

        // A smaller curve under a larger algorithm (allowed by AllowInvalidAsymmetricKeyTypes): left-pad
        // r and s to the algorithm's size, as jwa's DER-to-JOSE conversion does.
        destination[..(2 * half)].Clear();
        raw[..FieldSizeBytes].CopyTo(destination[(half - FieldSizeBytes)..]);
        raw.Slice(FieldSizeBytes, FieldSizeBytes).CopyTo(destination[(2 * half - FieldSizeBytes)..]);
        return 2 * half;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _ecdsa.Dispose();
    }
}
