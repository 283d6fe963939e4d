namespace TokenIssuer.Cli.Verification;

/// <summary>
/// Checks a token's signature with the key given to <c>decode</c> and, when it is not valid, says why
/// in the command's words. Which key fits which algorithm, the curves and the hashes are the runtime's.
/// </summary>
internal static class SignatureCheck
{
    private const string Mismatch = "the signature does not match: the token was changed, or signed with another key.";

    /// <summary>Null when <paramref name="signature"/> is valid for <paramref name="signingInput"/>; otherwise why not.</summary>
    public static string? Verify(VerificationKey key, JwtAlgorithm algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        string name = JwtAlgorithmNames.Name(algorithm);
        var family = JwtAlgorithmNames.Family(algorithm);
        if (!SigningKeyKinds.Fits(key.Kind, family))
        {
            return key.Kind == SigningKeyKind.RsaPss && family == JwtAlgorithmFamily.RsaPkcs1
                ? $"the token is signed with {name}, but the key is an RSASSA-PSS key, which only signs PS256, PS384 and PS512."
                : $"the token is signed with {name}, which {Needs(family)}; the key given is {Describe(key)}.";
        }
        if (key.Kind == SigningKeyKind.EllipticCurve)
        {
            string required = EcCurves.JoseName(EcCurves.CurveFor(algorithm)!);
            string actual = EcCurves.JoseName(key.CurveName!);
            if (required != actual) return $"the token is signed with {name}, which uses {required}, but the key is on {actual}.";
            int expectedLength = 2 * EcCurves.SignatureHalfSize(algorithm);
            if (signature.Length != expectedLength)
            {
                return $"the signature is {signature.Length} bytes; {name} signatures are {expectedLength} bytes (r || s).";
            }
        }
        return key.Verify(algorithm, signingInput, signature) ? null : Mismatch;
    }

    /// <summary>What the key is, for messages ("an RSA 2048-bit key").</summary>
    private static string Describe(VerificationKey key) => key.Kind switch
    {
        SigningKeyKind.Symmetric => $"an HMAC secret ({key.KeySizeInBits} bits)",
        SigningKeyKind.Rsa => $"an RSA {key.KeySizeInBits}-bit key",
        SigningKeyKind.RsaPss => $"an RSASSA-PSS {key.KeySizeInBits}-bit key",
        _ => $"an EC key on {EcCurves.JoseName(key.CurveName!)}",
    };

    private static string Needs(JwtAlgorithmFamily family) => family switch
    {
        JwtAlgorithmFamily.Hmac => "needs the HMAC secret (--secret, --secret-env, --secret-base64 or an \"oct\" JWK)",
        JwtAlgorithmFamily.Ecdsa => "needs an EC key",
        _ => "needs an RSA key",
    };
}
