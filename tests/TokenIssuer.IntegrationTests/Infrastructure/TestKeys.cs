using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.IntegrationTests;

/// <summary>
/// The key files in TestData/Keys (copied from the shared conformance keys), keys made at test time,
/// and an independent RFC 7638 thumbprint to check the <c>kid</c> the runtime derives.
/// </summary>
internal static class TestKeys
{
    public const string Rsa2048 = "rsa2048-private.pem";
    public const string Rsa3072 = "rsa3072-private.pem";
    public const string Rsa1024 = "rsa1024-private.pem";
    public const string EcP256 = "ec-p256-private.pem";
    public const string EcP384 = "ec-p384-private.pem";
    public const string EcP521 = "ec-p521-private.pem";

    /// <summary>A 64-byte secret: long enough for HS512 (and for every HS algorithm in Microsoft.IdentityModel).</summary>
    public static readonly byte[] Secret64 = Enumerable.Range(0, 64).Select(i => (byte)(i * 7 + 3)).ToArray();

    public static string Secret64Base64 => Convert.ToBase64String(Secret64);

    public static string KeysDirectory => Path.Combine(AppContext.BaseDirectory, "TestData", "Keys");

    public static string FilePath(string file) => Path.Combine(KeysDirectory, file);

    public static string Pem(string file) => File.ReadAllText(FilePath(file));

    public static string PublicPem(string privateFile) => Pem(privateFile.Replace("-private", "-public"));

    /// <summary>The base64 lines of a PEM: the key material that must never show up in a message or log.</summary>
    public static string[] BodyLines(string pem)
        => pem.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("-----", StringComparison.Ordinal) && line.Length >= 16)
            .ToArray();

    /// <summary>The public half of a key file, for Microsoft.IdentityModel.</summary>
    public static SecurityKey PublicSecurityKey(string privateFile)
    {
        string pem = PublicPem(privateFile);
        if (privateFile.StartsWith("rsa", StringComparison.Ordinal))
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
        var ec = ECDsa.Create();
        ec.ImportFromPem(pem);
        return new ECDsaSecurityKey(ec);
    }

    /// <summary>The RFC 7638 thumbprint of a key file's public key.</summary>
    public static string Thumbprint(string privateFile)
    {
        string pem = PublicPem(privateFile);
        if (privateFile.StartsWith("rsa", StringComparison.Ordinal))
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return Thumbprint(rsa);
        }
        using var ec = ECDsa.Create();
        ec.ImportFromPem(pem);
        return Thumbprint(ec);
    }

    public static string Thumbprint(RSA rsa)
    {
        var p = rsa.ExportParameters(includePrivateParameters: false);
        return Hash($"{{\"e\":\"{Base64Url.EncodeToString(p.Exponent)}\",\"kty\":\"RSA\",\"n\":\"{Base64Url.EncodeToString(p.Modulus)}\"}}");
    }

    public static string Thumbprint(ECDsa ec)
    {
        var p = ec.ExportParameters(includePrivateParameters: false);
        string crv = ec.KeySize switch { 256 => "P-256", 384 => "P-384", 521 => "P-521", _ => throw new ArgumentOutOfRangeException(nameof(ec)) };
        return Hash($"{{\"crv\":\"{crv}\",\"kty\":\"EC\",\"x\":\"{Base64Url.EncodeToString(p.Q.X)}\",\"y\":\"{Base64Url.EncodeToString(p.Q.Y)}\"}}");
    }

    public static string Thumbprint(byte[] secret) => Hash($"{{\"k\":\"{Base64Url.EncodeToString(secret)}\",\"kty\":\"oct\"}}");

    private static string Hash(string canonicalJwk) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJwk)));

    /// <summary>A fresh EC key (fast to make), as PKCS#8 PEM, with its public key and thumbprint.</summary>
    public static GeneratedEcKey NewEc(ECCurve? curve = null)
    {
        using var ec = ECDsa.Create(curve ?? ECCurve.NamedCurves.nistP256);
        var publicKey = ECDsa.Create(ec.ExportParameters(includePrivateParameters: false));
        return new GeneratedEcKey(ec.ExportPkcs8PrivateKeyPem(), publicKey, Thumbprint(ec));
    }

    /// <summary>The private key of a key file as encrypted PKCS#8 PEM.</summary>
    public static string EncryptedPem(string privateFile, string passphrase)
    {
        string pem = Pem(privateFile);
        var parameters = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000);
        if (privateFile.StartsWith("rsa", StringComparison.Ordinal))
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa.ExportEncryptedPkcs8PrivateKeyPem(passphrase, parameters);
        }
        using var ec = ECDsa.Create();
        ec.ImportFromPem(pem);
        return ec.ExportEncryptedPkcs8PrivateKeyPem(passphrase, parameters);
    }
}

/// <summary>A key made by a test: the private PEM to configure, the public key to verify with, and its kid.</summary>
internal sealed record GeneratedEcKey(string PrivatePem, ECDsa PublicKey, string Thumbprint)
{
    public ECDsaSecurityKey SecurityKey => new(PublicKey);
}
