using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace TokenIssuer;

/// <summary>RFC 7638 JWK thumbprints: the SHA-256 of the key's required JWK members, base64url. A stable <c>kid</c>.</summary>
internal static class JwkThumbprint
{
    public static string Compute(SigningKey key)
    {
        string canonical = key switch
        {
            RsaSigningKey rsa => Rsa(rsa.Rsa.ExportParameters(includePrivateParameters: false)),
            EcdsaSigningKey ec => Ec(ec),
            SymmetricSigningKey secret => $"{{\"k\":\"{secret.ExportPrivateKey()}\",\"kty\":\"oct\"}}",
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The thumbprint of a public JWK's members (as <see cref="PublicJwkMembers"/> writes them): its required members, in lexicographic order.</summary>
    public static string Compute(IReadOnlyDictionary<string, string> publicJwk)
    {
        string canonical = "{" + string.Join(",", publicJwk.OrderBy(member => member.Key, StringComparer.Ordinal)
            .Select(member => $"\"{member.Key}\":\"{member.Value}\"")) + "}";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static string Rsa(RSAParameters p)
        => $"{{\"e\":\"{Base64Url.EncodeToString(p.Exponent)}\",\"kty\":\"RSA\",\"n\":\"{Base64Url.EncodeToString(p.Modulus)}\"}}";

    private static string Ec(EcdsaSigningKey key)
    {
        var p = key.Ecdsa.ExportParameters(includePrivateParameters: false);
        string crv = EcCurves.JoseName(key.CurveName);
        return $"{{\"crv\":\"{crv}\",\"kty\":\"EC\",\"x\":\"{Base64Url.EncodeToString(p.Q.X)}\",\"y\":\"{Base64Url.EncodeToString(p.Q.Y)}\"}}";
    }
}
