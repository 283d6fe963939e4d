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

/// <summary>Curve names and the ES algorithm of each curve.</summary>
internal static class EcCurves
{
    public const string P256 = "prime256v1";
    public const string P384 = "secp384r1";
    public const string P521 = "secp521r1";

    public static string OpenSslName(ECDsa ecdsa)
    {
        var oid = ecdsa.ExportParameters(includePrivateParameters: false).Curve.Oid;
        return oid?.Value switch
        {
            "1.2.840.10045.3.1.7" => P256,
            "1.3.132.0.34" => P384,
            "1.3.132.0.35" => P521,
            "1.3.132.0.10" => "secp256k1",
            _ => oid?.FriendlyName ?? oid?.Value ?? "an unnamed curve",
        };
    }

    public static string? CurveFor(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.ES256 => P256,
        JwtAlgorithm.ES384 => P384,
        JwtAlgorithm.ES512 => P521,
        _ => null,
    };

    public static JwtAlgorithm? AlgorithmFor(string curveName) => curveName switch
    {
        P256 => JwtAlgorithm.ES256,
        P384 => JwtAlgorithm.ES384,
        P521 => JwtAlgorithm.ES512,
        _ => null,
    };

    /// <summary>Bytes of r (and of s) in a JOSE signature: 32, 48 or 66.</summary>
    public static int SignatureHalfSize(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.ES256 => 32,
        JwtAlgorithm.ES384 => 48,
        JwtAlgorithm.ES512 => 66,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static ECCurve NamedCurve(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.ES256 => ECCurve.NamedCurves.nistP256,
        JwtAlgorithm.ES384 => ECCurve.NamedCurves.nistP384,
        _ => ECCurve.NamedCurves.nistP521,
    };
}
