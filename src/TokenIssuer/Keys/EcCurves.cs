using System.Security.Cryptography;

namespace TokenIssuer;

/// <summary>
/// The three curves TokenIssuer signs and verifies with, in one place: their names (OpenSSL's, as
/// jsonwebtoken reports them, and JOSE's <c>crv</c>), their field sizes, and the ES algorithm of each.
/// </summary>
internal static class EcCurves
{
    public const string P256 = "prime256v1";
    public const string P384 = "secp384r1";
    public const string P521 = "secp521r1";

    /// <summary>The JOSE <c>crv</c> names (RFC 7518 §6.2.1.1), as the JWK and the messages of the tool write them.</summary>
    public const string JoseP256 = "P-256";
    public const string JoseP384 = "P-384";
    public const string JoseP521 = "P-521";

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

    /// <summary>The JOSE name of a curve given by its OpenSSL name ("P-256"); other curves keep their OpenSSL name.</summary>
    public static string JoseName(string openSslName) => openSslName switch
    {
        P256 => JoseP256,
        P384 => JoseP384,
        P521 => JoseP521,
        _ => openSslName,
    };

    /// <summary>The curve a JWK's <c>crv</c> names, and the bytes of each of its coordinates; false for any other name.</summary>
    public static bool TryFromJoseName(string crv, out ECCurve curve, out int fieldSizeBytes)
    {
        (curve, fieldSizeBytes) = crv switch
        {
            JoseP256 => (ECCurve.NamedCurves.nistP256, 32),
            JoseP384 => (ECCurve.NamedCurves.nistP384, 48),
            JoseP521 => (ECCurve.NamedCurves.nistP521, 66),
            _ => (default(ECCurve), 0),
        };
        return fieldSizeBytes > 0;
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

    /// <summary>
    /// <paramref name="ecdsa"/> on its named curve. A key written with explicit curve parameters
    /// (<c>openssl ecparam -param_enc explicit</c>, as jsonwebtoken's own test keys are) carries the prime,
    /// coefficients, generator and order instead of the curve's OID; when they are those of P-256, P-384 or
    /// P-521 the key is imported again on that named curve, so its name, default algorithm and JWK are those
    /// of the curve. Any other key is returned as it is; a replaced key is disposed.
    /// </summary>
    public static ECDsa WithNamedCurve(ECDsa ecdsa)
    {
        var parameters = ecdsa.ExportParameters(includePrivateParameters: true);
        try
        {
            if (!parameters.Curve.IsExplicit) return ecdsa;
            var named = Explicit.Value.FirstOrDefault(known => SameCurve(known.Parameters, parameters.Curve)).Named;
            if (named.Oid is null) return ecdsa;
            parameters.Curve = named;
            var renamed = KeyImport.Into(ECDsa.Create(), key => key.ImportParameters(parameters));
            ecdsa.Dispose();
            return renamed;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    // The explicit parameters of the three named curves, taken from the platform once.
    private static readonly Lazy<(ECCurve Named, ECCurve Parameters)[]> Explicit = new(() =>
    [
        .. new[] { ECCurve.NamedCurves.nistP256, ECCurve.NamedCurves.nistP384, ECCurve.NamedCurves.nistP521 }.Select(named =>
        {
            using var key = ECDsa.Create(named);
            return (named, key.ExportExplicitParameters(includePrivateParameters: false).Curve);
        }),
    ]);

    // The seed is left out: it only records how the parameters were generated, and OpenSSL may omit it.
    private static bool SameCurve(ECCurve known, ECCurve candidate)
        => candidate.IsPrime
        && Same(known.Prime, candidate.Prime) && Same(known.A, candidate.A) && Same(known.B, candidate.B)
        && Same(known.G.X, candidate.G.X) && Same(known.G.Y, candidate.G.Y) && Same(known.Order, candidate.Order)
        && (candidate.Cofactor is null || Same(known.Cofactor, candidate.Cofactor));

    // Leading zero bytes do not change a number: compare the values, not their encodings.
    private static bool Same(byte[]? left, byte[]? right)
        => left is not null && right is not null
        && left.AsSpan().TrimStart((byte)0).SequenceEqual(right.AsSpan().TrimStart((byte)0));

    public static ECCurve NamedCurve(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.ES256 => ECCurve.NamedCurves.nistP256,
        JwtAlgorithm.ES384 => ECCurve.NamedCurves.nistP384,
        _ => ECCurve.NamedCurves.nistP521,
    };
}
