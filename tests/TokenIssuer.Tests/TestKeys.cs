using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;

namespace TokenIssuer.Tests;

/// <summary>
/// The test keys (copied from the shared conformance keys into TestData/Keys) and the fixed clock.
/// Keys are loaded once and shared: <see cref="SigningKey"/> is documented as thread-safe, and RSA
/// key material is slow to make, so nothing here generates an RSA key.
/// </summary>
internal static class TestKeys
{
    /// <summary>The clock of the spec's examples: 2023-11-14T22:13:20.999Z, so iat = 1700000000.</summary>
    public const long NowMilliseconds = 1_700_000_000_999;

    public const long Iat = 1_700_000_000;

    /// <summary>The literal secret of the spec's vectors.</summary>
    public const string Secret = "secret";

    private static readonly ConcurrentDictionary<string, string> Texts = new();
    private static readonly ConcurrentDictionary<string, SigningKey> Keys = new();

    public static string KeysDirectory => Path.Combine(AppContext.BaseDirectory, "TestData", "Keys");

    /// <summary>A fresh fake clock at <see cref="NowMilliseconds"/> (it never moves by itself).</summary>
    public static FakeTimeProvider Clock() => new(DateTimeOffset.FromUnixTimeMilliseconds(NowMilliseconds));

    /// <summary>Options with the fixed clock.</summary>
    public static JwtSignOptions Options() => new() { TimeProvider = Clock() };

    public static string FilePath(string name) => Path.Combine(KeysDirectory, name);

    /// <summary>The text of a key file, e.g. <c>rsa2048-private.pem</c>.</summary>
    public static string Pem(string fileName) => Texts.GetOrAdd(fileName, f => File.ReadAllText(FilePath(f)));

    /// <summary>A shared signing key read from a key file with <see cref="SigningKey.FromPem"/>.</summary>
    public static SigningKey Key(string fileName) => Keys.GetOrAdd(fileName, f => SigningKey.FromPem(Pem(f)));

    public static SigningKey Rsa2048 => Key("rsa2048-private.pem");
    public static SigningKey Rsa3072 => Key("rsa3072-private.pem");
    public static SigningKey Rsa1024 => Key("rsa1024-private.pem");
    public static SigningKey RsaPss => Key("rsapss2048-private.pem");
    public static SigningKey RsaPssNoParams => Key("rsapss2048-noparams-private.pem");
    public static SigningKey EcP256 => Key("ec-p256-private.pem");
    public static SigningKey EcP384 => Key("ec-p384-private.pem");
    public static SigningKey EcP521 => Key("ec-p521-private.pem");
    public static SigningKey HmacSecret => Keys.GetOrAdd("secret", _ => SigningKey.FromSecret(Secret));

    /// <summary>A 64-byte secret, long enough for every HS algorithm in Microsoft.IdentityModel.</summary>
    public static readonly byte[] LongSecret = Enumerable.Range(0, 64).Select(i => (byte)(i * 7 + 3)).ToArray();

    public static SigningKey LongHmacSecret => Keys.GetOrAdd("long-secret", _ => SigningKey.FromSecret(LongSecret));

    /// <summary>The public RSA key of an SPKI PEM (rsaEncryption or id-RSASSA-PSS: the latter .NET cannot import itself).</summary>
    public static RSA RsaPublic(string fileName)
    {
        string pem = Pem(fileName);
        var fields = PemEncoding.Find(pem);
        byte[] der = Convert.FromBase64String(pem[fields.Base64Data]);
        var spki = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        spki.ReadSequence(); // AlgorithmIdentifier: rsaEncryption or id-RSASSA-PSS
        byte[] rsaPublicKey = spki.ReadBitString(out _);
        var rsa = RSA.Create();
        rsa.ImportRSAPublicKey(rsaPublicKey, out _);
        return rsa;
    }

    public static ECDsa EcPublic(string fileName)
    {
        var ec = ECDsa.Create();
        ec.ImportFromPem(Pem(fileName));
        return ec;
    }

    /// <summary>The public-key file that goes with a private-key file.</summary>
    public static string PublicOf(string privateFileName)
        => privateFileName.Replace("-private-pkcs1", "-public").Replace("-private-sec1", "-public").Replace("-private", "-public");

    /// <summary>An Ed25519 PKCS#8 private key (made with Node's crypto): a key type TokenIssuer cannot sign with.</summary>
    public const string Ed25519Pem =
        "-----BEGIN PRIVATE KEY-----\n" +
        "MC4CAQAwBQYDK2VwBCIEIHz5UCR4Bi+gd4Xxp30X/RX2Y/2qOdBupirL98G6kU73\n" +
        "-----END PRIVATE KEY-----\n";
}
