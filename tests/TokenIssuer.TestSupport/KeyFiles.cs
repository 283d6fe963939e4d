using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.TestSupport;

/// <summary>
/// The key files of the test suites (copied from the shared conformance keys into this project's Keys/,
/// and from there to each test project's output as TestData/Keys). Names are file names, e.g.
/// <see cref="Rsa2048"/> is <c>rsa2048-private.pem</c>; every private key has its <c>-public</c> file.
/// </summary>
public static class KeyFiles
{
    public const string Rsa1024 = "rsa1024-private.pem";
    public const string Rsa2048 = "rsa2048-private.pem";
    /// <summary>The same key as <see cref="Rsa2048"/>, as PKCS#1 (<c>BEGIN RSA PRIVATE KEY</c>).</summary>
    public const string Rsa2048Pkcs1 = "rsa2048-private-pkcs1.pem";
    public const string Rsa3072 = "rsa3072-private.pem";
    /// <summary>An id-RSASSA-PSS key restricted to SHA-256.</summary>
    public const string RsaPss = "rsapss2048-private.pem";
    /// <summary>An id-RSASSA-PSS key with no parameters.</summary>
    public const string RsaPssNoParams = "rsapss2048-noparams-private.pem";
    public const string EcP256 = "ec-p256-private.pem";
    /// <summary>The same key as <see cref="EcP256"/>, as SEC 1 (<c>BEGIN EC PRIVATE KEY</c>).</summary>
    public const string EcP256Sec1 = "ec-p256-private-sec1.pem";
    public const string EcP384 = "ec-p384-private.pem";
    public const string EcP521 = "ec-p521-private.pem";

    private static readonly ConcurrentDictionary<string, string> Texts = new();

    /// <summary>The folder in the test's output that holds the key files.</summary>
    public static string Directory => System.IO.Path.Combine(AppContext.BaseDirectory, RelativeDirectory);

    /// <summary>The folder relative to the output (a content root), for configuration that names a file.</summary>
    public static string RelativeDirectory => System.IO.Path.Combine("TestData", "Keys");

    public static string Path(string file) => System.IO.Path.Combine(Directory, file);

    /// <summary>The text of a key file (read once).</summary>
    public static string Pem(string file) => Texts.GetOrAdd(file, f => File.ReadAllText(Path(f)));

    /// <summary>The public-key file that goes with a private-key file.</summary>
    public static string PublicOf(string privateFile)
        => privateFile.Replace("-private-pkcs1", "-public").Replace("-private-sec1", "-public").Replace("-private", "-public");

    public static string PublicPem(string privateFile) => Pem(PublicOf(privateFile));

    /// <summary>The public RSA key of a key file (rsaEncryption or id-RSASSA-PSS: the latter .NET cannot import itself).</summary>
    public static RSA RsaPublic(string file)
    {
        string pem = Pem(file.Contains("-private", StringComparison.Ordinal) ? PublicOf(file) : file);
        var fields = PemEncoding.Find(pem);
        byte[] der = Convert.FromBase64String(pem[fields.Base64Data]);
        var spki = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        spki.ReadSequence(); // AlgorithmIdentifier: rsaEncryption or id-RSASSA-PSS
        byte[] rsaPublicKey = spki.ReadBitString(out _);
        var rsa = RSA.Create();
        rsa.ImportRSAPublicKey(rsaPublicKey, out _);
        return rsa;
    }

    /// <summary>The public EC key of a key file.</summary>
    public static ECDsa EcPublic(string file)
    {
        var ec = ECDsa.Create();
        ec.ImportFromPem(Pem(file.Contains("-private", StringComparison.Ordinal) ? PublicOf(file) : file));
        return ec;
    }

    /// <summary>The public half of a key file, for Microsoft.IdentityModel.</summary>
    public static SecurityKey PublicSecurityKey(string privateFile)
        => privateFile.StartsWith("rsa", StringComparison.Ordinal)
            ? new RsaSecurityKey(RsaPublic(privateFile))
            : new ECDsaSecurityKey(EcPublic(privateFile));

    /// <summary>The RFC 7638 thumbprint of a key file's public key.</summary>
    public static string Thumbprint(string privateFile)
    {
        using AsymmetricAlgorithm key = privateFile.StartsWith("rsa", StringComparison.Ordinal) ? RsaPublic(privateFile) : EcPublic(privateFile);
        return TestKeys.Thumbprint(key);
    }

    /// <summary>The private key of a key file as encrypted PKCS#8 PEM.</summary>
    public static string EncryptedPem(string privateFile, string passphrase = TestKeys.Passphrase)
    {
        using AsymmetricAlgorithm key = privateFile.StartsWith("rsa", StringComparison.Ordinal) ? RSA.Create() : ECDsa.Create();
        key.ImportFromPem(Pem(privateFile));
        return TestKeys.EncryptedPem(key, passphrase);
    }
}
