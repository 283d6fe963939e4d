using System.Buffers.Text;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.TestSupport;

/// <summary>
/// Key material made at test time (the key files are <see cref="KeyFiles"/>): RSA, EC on every curve,
/// the same keys as PKCS#8, PKCS#1, SEC 1, RSASSA-PSS PKCS#8, encrypted PKCS#8 and JWK, Ed25519,
/// certificates, a fixed HMAC secret, and an independent RFC 7638 thumbprint to check the <c>kid</c> the
/// runtime derives. RSA keys are slow to make, so each size is made once per test run.
/// </summary>
public static class TestKeys
{
    public const string Passphrase = "correct horse battery staple";

    /// <summary>64 fixed bytes: long enough for HS512 and for Microsoft.IdentityModel's HMAC minimum.</summary>
    public static readonly byte[] Secret64 = Enumerable.Range(0, 64).Select(i => (byte)(i * 7 + 3)).ToArray();

    /// <summary><see cref="Secret64"/> as standard base64, as configuration holds a secret.</summary>
    public static string Secret64Base64 => Convert.ToBase64String(Secret64);

    private static readonly Lazy<RSA> LazyRsa2048 = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> LazyRsa2048B = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> LazyRsa1024 = new(() => RSA.Create(1024));
    private static readonly Lazy<RSA> LazyRsa1536 = new(() => RSA.Create(1536));
    private static readonly Lazy<ECDsa> LazyP256 = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256));
    private static readonly Lazy<ECDsa> LazyP384 = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP384));
    private static readonly Lazy<ECDsa> LazyP521 = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP521));

    public static RSA Rsa2048 => LazyRsa2048.Value;
    public static RSA Rsa2048B => LazyRsa2048B.Value;
    public static RSA Rsa1024 => LazyRsa1024.Value;
    public static RSA Rsa1536 => LazyRsa1536.Value;
    public static ECDsa P256 => LazyP256.Value;
    public static ECDsa P384 => LazyP384.Value;
    public static ECDsa P521 => LazyP521.Value;

    public static string Pkcs8Pem(AsymmetricAlgorithm key) => key.ExportPkcs8PrivateKeyPem();

    public static string Pkcs1Pem(RSA rsa) => rsa.ExportRSAPrivateKeyPem();

    public static string Sec1Pem(ECDsa ec) => ec.ExportECPrivateKeyPem();

    public static string PublicPem(AsymmetricAlgorithm key) => key.ExportSubjectPublicKeyInfoPem();

    public static string EncryptedPem(AsymmetricAlgorithm key, string passphrase = Passphrase)
        => key.ExportEncryptedPkcs8PrivateKeyPem(passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

    /// <summary>A self-signed certificate, as people paste it where a key belongs.</summary>
    public static string CertificatePem(ECDsa key)
    {
        var request = new CertificateRequest("CN=tokenissuer-test", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2034, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return certificate.ExportCertificatePem();
    }

    /// <summary>An Ed25519 private key in PKCS#8 (RFC 8410): a key type TokenIssuer cannot sign with.</summary>
    public static string Ed25519Pem { get; } = PemEncoding.WriteString(
        "PRIVATE KEY", [.. Convert.FromHexString("302e020100300506032b657004220420"), .. Enumerable.Range(0, 32).Select(i => (byte)(200 - i))]);

    /// <summary>A fresh EC key (fast to make), as PKCS#8 PEM, with its public key and thumbprint.</summary>
    public static GeneratedEcKey NewEc(ECCurve? curve = null)
    {
        using var ec = ECDsa.Create(curve ?? ECCurve.NamedCurves.nistP256);
        var publicKey = ECDsa.Create(ec.ExportParameters(includePrivateParameters: false));
        return new GeneratedEcKey(ec.ExportPkcs8PrivateKeyPem(), publicKey, Thumbprint(ec));
    }

    /// <summary>
    /// An RSASSA-PSS PKCS#8 key (id-RSASSA-PSS) restricted to <paramref name="hashBits"/>, MGF1 with the
    /// same hash and the given salt length; no parameters at all when <paramref name="hashBits"/> is 0.
    /// </summary>
    public static string RsaPssPem(RSA rsa, int hashBits, System.Numerics.BigInteger saltLength)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.2.840.113549.1.1.10");
                if (hashBits != 0)
                {
                    string hashOid = hashBits switch { 256 => "2.16.840.1.101.3.4.2.1", 384 => "2.16.840.1.101.3.4.2.2", _ => "2.16.840.1.101.3.4.2.3" };
                    using (writer.PushSequence())
                    {
                        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
                        using (writer.PushSequence())
                        {
                            writer.WriteObjectIdentifier(hashOid);
                        }
                        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1)))
                        using (writer.PushSequence())
                        {
                            writer.WriteObjectIdentifier("1.2.840.113549.1.1.8");
                            using (writer.PushSequence())
                            {
                                writer.WriteObjectIdentifier(hashOid);
                            }
                        }
                        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2)))
                        {
                            writer.WriteInteger(saltLength);
                        }
                    }
                }
            }
            writer.WriteOctetString(rsa.ExportRSAPrivateKey());
        }
        return PemEncoding.WriteString("PRIVATE KEY", writer.Encode());
    }

    /// <summary>A private JWK (RFC 7517) of an RSA or EC key, as JSON text.</summary>
    public static string PrivateJwk(AsymmetricAlgorithm key, string? kid = null, string? alg = null)
    {
        var members = new List<string>();
        switch (key)
        {
            case RSA rsa:
            {
                var p = rsa.ExportParameters(includePrivateParameters: true);
                members.Add("\"kty\":\"RSA\"");
                members.Add($"\"n\":\"{B64(p.Modulus!)}\"");
                members.Add($"\"e\":\"{B64(p.Exponent!)}\"");
                members.Add($"\"d\":\"{B64(p.D!)}\"");
                members.Add($"\"p\":\"{B64(p.P!)}\"");
                members.Add($"\"q\":\"{B64(p.Q!)}\"");
                members.Add($"\"dp\":\"{B64(p.DP!)}\"");
                members.Add($"\"dq\":\"{B64(p.DQ!)}\"");
                members.Add($"\"qi\":\"{B64(p.InverseQ!)}\"");
                break;
            }
            case ECDsa ec:
            {
                var p = ec.ExportParameters(includePrivateParameters: true);
                members.Add("\"kty\":\"EC\"");
                members.Add($"\"crv\":\"{CurveName(ec)}\"");
                members.Add($"\"x\":\"{B64(p.Q.X!)}\"");
                members.Add($"\"y\":\"{B64(p.Q.Y!)}\"");
                members.Add($"\"d\":\"{B64(p.D!)}\"");
                break;
            }
        }
        if (kid is not null) members.Add($"\"kid\":\"{kid}\"");
        if (alg is not null) members.Add($"\"alg\":\"{alg}\"");
        return "{" + string.Join(",", members) + "}";
    }

    public static string PublicJwk(ECDsa ec)
    {
        var p = ec.ExportParameters(includePrivateParameters: false);
        return $"{{\"kty\":\"EC\",\"crv\":\"{CurveName(ec)}\",\"x\":\"{B64(p.Q.X!)}\",\"y\":\"{B64(p.Q.Y!)}\"}}";
    }

    public static string OctJwk(byte[] secret, string? kid = null)
        => kid is null ? $"{{\"kty\":\"oct\",\"k\":\"{B64(secret)}\"}}" : $"{{\"kty\":\"oct\",\"k\":\"{B64(secret)}\",\"kid\":\"{kid}\"}}";

    /// <summary>The RFC 7638 thumbprint of an EC or RSA public key, computed here independently of the runtime.</summary>
    public static string Thumbprint(AsymmetricAlgorithm key)
    {
        string json = key switch
        {
            RSA rsa => Rsa(rsa.ExportParameters(false)),
            ECDsa ec => Ec(ec),
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
        return B64(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

        static string Rsa(RSAParameters p) => $"{{\"e\":\"{B64(p.Exponent!)}\",\"kty\":\"RSA\",\"n\":\"{B64(p.Modulus!)}\"}}";
        static string Ec(ECDsa ec)
        {
            var p = ec.ExportParameters(false);
            return $"{{\"crv\":\"{CurveName(ec)}\",\"kty\":\"EC\",\"x\":\"{B64(p.Q.X!)}\",\"y\":\"{B64(p.Q.Y!)}\"}}";
        }
    }

    /// <summary>The RFC 7638 thumbprint of an HMAC secret (an oct JWK).</summary>
    public static string Thumbprint(byte[] secret)
        => B64(SHA256.HashData(Encoding.UTF8.GetBytes($"{{\"k\":\"{B64(secret)}\",\"kty\":\"oct\"}}")));

    /// <summary>A public-only copy for Microsoft.IdentityModel.</summary>
    public static SecurityKey PublicSecurityKey(AsymmetricAlgorithm key, string? kid = null)
    {
        SecurityKey result = key switch
        {
            RSA rsa => new RsaSecurityKey(RSA.Create(rsa.ExportParameters(false))),
            ECDsa ec => new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(false))),
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
        result.KeyId = kid;
        return result;
    }

    public static string CurveName(ECDsa ec) => ec.KeySize switch { 256 => "P-256", 384 => "P-384", _ => "P-521" };

    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    /// <summary>The base64 body lines of a PEM: what must never show up in a message or log.</summary>
    public static string[] BodyLines(string pem)
        => pem.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("-----", StringComparison.Ordinal) && line.Length >= 16)
            .ToArray();
}
