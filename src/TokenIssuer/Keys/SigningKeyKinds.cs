namespace TokenIssuer;

/// <summary>Which algorithm families each kind of key makes and checks signatures for, whatever the options allow.</summary>
internal static class SigningKeyKinds
{
    /// <summary>
    /// True when a <paramref name="kind"/> key can be used with <paramref name="family"/>: a secret with
    /// HS*, an RSA key with RS* and PS*, an RSASSA-PSS key with PS* only, an EC key with ES*. A public key
    /// is never an HMAC secret (the "algorithm confusion" attack).
    /// </summary>
    public static bool Fits(SigningKeyKind kind, JwtAlgorithmFamily family) => kind switch
    {
        SigningKeyKind.Symmetric => family == JwtAlgorithmFamily.Hmac,
        SigningKeyKind.Rsa => family is JwtAlgorithmFamily.RsaPkcs1 or JwtAlgorithmFamily.RsaPss,
        SigningKeyKind.RsaPss => family == JwtAlgorithmFamily.RsaPss,
        _ => family == JwtAlgorithmFamily.Ecdsa,
    };
}
