using System.Security.Cryptography;

namespace TokenIssuer.Cli.Verification;

/// <summary>
/// A key that checks JWS signatures: an HMAC secret, an RSA key (public or private), or an EC key.
/// A key only verifies the algorithms of its own family, so a public key is never used as an HMAC
/// secret (the "algorithm confusion" attack).
/// </summary>
internal abstract class VerificationKey : IDisposable
{
    /// <summary>What the key is, for messages ("an RSA 2048-bit key").</summary>
    public abstract string Description { get; }

    /// <summary>Null when <paramref name="signature"/> is valid for <paramref name="signingInput"/>; otherwise why not.</summary>
    public abstract string? Verify(JwtAlgorithm algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature);

    public virtual void Dispose()
    {
    }

    protected static HashAlgorithmName Hash(JwtAlgorithm algorithm) => JwtAlgorithmNames.HashBits(algorithm) switch
    {
        256 => HashAlgorithmName.SHA256,
        384 => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };

    protected string WrongFamily(JwtAlgorithm algorithm)
        => $"the token is signed with {JwtAlgorithmNames.Name(algorithm)}, which {Needs(algorithm)}; the key given is {Description}.";

    private static string Needs(JwtAlgorithm algorithm) => JwtAlgorithmNames.Family(algorithm) switch
    {
        JwtAlgorithmFamily.Hmac => "needs the HMAC secret (--secret, --secret-env, --secret-base64 or an \"oct\" JWK)",
        JwtAlgorithmFamily.Ecdsa => "needs an EC key",
        _ => "needs an RSA key",
    };

    protected const string Mismatch = "the signature does not match: the token was changed, or signed with another key.";
}

internal sealed class HmacVerificationKey(byte[] secret) : VerificationKey
{
    public override string Description => $"an HMAC secret ({secret.Length * 8} bits)";

    public override string? Verify(JwtAlgorithm algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (JwtAlgorithmNames.Family(algorithm) != JwtAlgorithmFamily.Hmac) return WrongFamily(algorithm);
        Span<byte> expected = stackalloc byte[64];
        int length = JwtAlgorithmNames.HashBits(algorithm) switch
        {
            256 => HMACSHA256.HashData(secret, signingInput, expected),
            384 => HMACSHA384.HashData(secret, signingInput, expected),
            _ => HMACSHA512.HashData(secret, signingInput, expected),
        };
        return CryptographicOperations.FixedTimeEquals(expected[..length], signature) ? null : Mismatch;
    }

    public override void Dispose() => CryptographicOperations.ZeroMemory(secret);
}

/// <summary>An RSA key; an RSASSA-PSS key (<c>id-RSASSA-PSS</c>) only verifies PS*.</summary>
internal sealed class RsaVerificationKey(RSA rsa, bool pssOnly) : VerificationKey
{
    public override string Description => pssOnly ? $"an RSASSA-PSS {rsa.KeySize}-bit key" : $"an RSA {rsa.KeySize}-bit key";

    public override string? Verify(JwtAlgorithm algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        var family = JwtAlgorithmNames.Family(algorithm);
        if (family is not (JwtAlgorithmFamily.RsaPkcs1 or JwtAlgorithmFamily.RsaPss)) return WrongFamily(algorithm);
        if (pssOnly && family == JwtAlgorithmFamily.RsaPkcs1)
        {
            return $"the token is signed with {JwtAlgorithmNames.Name(algorithm)}, but the key is an RSASSA-PSS key, which only signs PS256, PS384 and PS512.";
        }
        // .NET's PSS uses MGF1 with the same hash and a salt as long as the hash, as RFC 7518 §3.5 requires.
        var padding = family == JwtAlgorithmFamily.RsaPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        return rsa.VerifyData(signingInput, signature, Hash(algorithm), padding) ? null : Mismatch;
    }

    public override void Dispose() => rsa.Dispose();
}

/// <summary>An EC key on P-256, P-384 or P-521; signatures are raw r || s (IEEE P1363), as JWS writes them.</summary>
internal sealed class EcdsaVerificationKey(ECDsa ecdsa) : VerificationKey
{
    private string Curve => ecdsa.KeySize switch
    {
        256 => "P-256",
        384 => "P-384",
        521 => "P-521",
        int bits => $"a {bits}-bit curve",
    };

    public override string Description => $"an EC key on {Curve}";

    public override string? Verify(JwtAlgorithm algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (JwtAlgorithmNames.Family(algorithm) != JwtAlgorithmFamily.Ecdsa) return WrongFamily(algorithm);
        string required = algorithm switch
        {
            JwtAlgorithm.ES256 => "P-256",
            JwtAlgorithm.ES384 => "P-384",
            _ => "P-521",
        };
        if (Curve != required) return $"the token is signed with {JwtAlgorithmNames.Name(algorithm)}, which uses {required}, but the key is on {Curve}.";
        int expectedLength = 2 * ((ecdsa.KeySize + 7) / 8);
        if (signature.Length != expectedLength)
        {
            return $"the signature is {signature.Length} bytes; {JwtAlgorithmNames.Name(algorithm)} signatures are {expectedLength} bytes (r || s).";
        }
        return ecdsa.VerifyData(signingInput, signature, Hash(algorithm), DSASignatureFormat.IeeeP1363FixedFieldConcatenation) ? null : Mismatch;
    }

    public override void Dispose() => ecdsa.Dispose();
}
