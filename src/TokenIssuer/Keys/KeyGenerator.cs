using System.Security.Cryptography;

namespace TokenIssuer;

internal static class KeyGenerator
{
    public const int RsaKeySize = 2048;

    public static SigningKey Generate(JwtAlgorithm algorithm, string? keyId)
    {
        switch (JwtAlgorithmNames.Family(algorithm))
        {
            case JwtAlgorithmFamily.Hmac:
                // RFC 7518 §3.2: an HMAC key at least as long as the hash output.
                return new SymmetricSigningKey(RandomNumberGenerator.GetBytes(JwtAlgorithmNames.HashBits(algorithm) / 8), keyId, algorithm);
            case JwtAlgorithmFamily.RsaPkcs1:
            case JwtAlgorithmFamily.RsaPss:
                return new RsaSigningKey(RSA.Create(RsaKeySize), isPssKey: false, pssRestriction: null, keyId, algorithm);
            default:
                return new EcdsaSigningKey(ECDsa.Create(EcCurves.NamedCurve(algorithm)), keyId, algorithm);
        }
    }
}
