namespace TokenIssuer;

/// <summary>
/// jsonwebtoken's key checks, in its order: first the family (secret vs private key) and the RSA
/// modulus; later, unless <c>allowInvalidAsymmetricKeyTypes</c>, the key type and EC curve. Checks that
/// guard what the key can physically sign apply even with that escape hatch.
/// </summary>
internal static class KeyChecks
{
    private const int MinimumRsaBits = 2048;
    private const string RsaAlgorithms = "RS256, PS256, RS384, PS384, RS512, PS512";
    private const string RsaPssAlgorithms = "PS256, PS384, PS512";
    private const string EcAlgorithms = "ES256, ES384, ES512";

    public static void CheckFamilyAndSize(JwtAlgorithm algorithm, SigningKey key, bool allowInsecureKeySizes)
    {
        var family = JwtAlgorithmNames.Family(algorithm);
        bool symmetric = key.Kind == SigningKeyKind.Symmetric;
        if (family == JwtAlgorithmFamily.Hmac && !symmetric) throw SigningErrors.SymmetricKeyRequired(algorithm, key);
        if (family != JwtAlgorithmFamily.Hmac && symmetric) throw SigningErrors.AsymmetricKeyRequired(algorithm);

        bool rsaAlgorithm = family is JwtAlgorithmFamily.RsaPkcs1 or JwtAlgorithmFamily.RsaPss;
        bool rsaKey = key.Kind is SigningKeyKind.Rsa or SigningKeyKind.RsaPss;
        if (rsaAlgorithm && rsaKey && !allowInsecureKeySizes && key.KeySizeInBits < MinimumRsaBits)
        {
            throw SigningErrors.MinimumRsaKeySize(algorithm, key.KeySizeInBits);
        }
    }

    public static void CheckKeyType(JwtAlgorithm algorithm, SigningKey key, bool allowInvalidAsymmetricKeyTypes)
    {
        if (key.Kind == SigningKeyKind.Symmetric) return;
        if (!allowInvalidAsymmetricKeyTypes) CheckDeclaredType(algorithm, key);
        CheckCanSign(algorithm, key);
    }

    private static void CheckDeclaredType(JwtAlgorithm algorithm, SigningKey key)
    {
        var family = JwtAlgorithmNames.Family(algorithm);
        switch (key)
        {
            case EcdsaSigningKey ec:
                if (family != JwtAlgorithmFamily.Ecdsa) throw SigningErrors.KeyTypeDoesNotFit(algorithm, "ec", EcAlgorithms);
                string required = EcCurves.CurveFor(algorithm)!;
                if (ec.CurveName != required) throw SigningErrors.CurveDoesNotFit(algorithm, required, ec.CurveName);
                break;
            case RsaSigningKey { IsPssKey: true } pss:
                if (family != JwtAlgorithmFamily.RsaPss) throw SigningErrors.KeyTypeDoesNotFit(algorithm, "rsa-pss", RsaPssAlgorithms);
                int bits = JwtAlgorithmNames.HashBits(algorithm);
                var restriction = pss.PssRestriction;
                string hash = "sha" + bits;
                if (restriction is null || restriction.HashAlgorithm != hash || restriction.MaskGenHashAlgorithm != hash)
                {
                    throw SigningErrors.PssParametersDoNotFit(algorithm);
                }
                if (restriction.SaltLength > bits / 8) throw SigningErrors.PssSaltDoesNotFit(algorithm);
                break;
            case RsaSigningKey:
                if (family is not (JwtAlgorithmFamily.RsaPkcs1 or JwtAlgorithmFamily.RsaPss)) throw SigningErrors.KeyTypeDoesNotFit(algorithm, "rsa", RsaAlgorithms);
                break;
        }
    }

    /// <summary>What no flag can allow: signatures the key cannot make, or that its own parameters forbid.</summary>
    private static void CheckCanSign(JwtAlgorithm algorithm, SigningKey key)
    {
        var family = JwtAlgorithmNames.Family(algorithm);
        switch (key)
        {
            case EcdsaSigningKey ec:
                if (family != JwtAlgorithmFamily.Ecdsa) throw SigningErrors.KeyCannotMakeSignature(algorithm, key);
                if (ec.FieldSizeBytes > EcCurves.SignatureHalfSize(algorithm)) throw SigningErrors.CurveTooLargeForAlgorithm(algorithm, ec.CurveName);
                break;
            case RsaSigningKey rsa:
                if (family == JwtAlgorithmFamily.Ecdsa) throw SigningErrors.KeyCannotMakeSignature(algorithm, key);
                if (rsa.IsPssKey && family != JwtAlgorithmFamily.RsaPss) throw SigningErrors.KeyCannotMakeSignature(algorithm, key);
                if (rsa.PssRestriction is { } restriction)
                {
                    int bits = JwtAlgorithmNames.HashBits(algorithm);
                    string hash = "sha" + bits;
                    if (restriction.HashAlgorithm != hash || restriction.MaskGenHashAlgorithm != hash || restriction.SaltLength > bits / 8)
                    {
                        throw SigningErrors.PssKeyForbidsAlgorithm(algorithm);
                    }
                }
                break;
        }
    }
}
