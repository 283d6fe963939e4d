using System.Security.Cryptography;
using System.Text.Json;

namespace TokenIssuer.Cli.Tests;

/// <summary><c>tokenissuer decode</c>: printing a token, and verifying it with a public key, a JWK set or a secret.</summary>
public class DecodeCommandTests
{
    private const string Secret = "a-secret-of-at-least-32-bytes-length!!";

    /// <summary>A fresh private key from <c>keys new</c> and its public key as SPKI PEM (made by .NET, not by the tool).</summary>
    private static (string PrivatePath, string PublicPath) NewKeyPair(TempFolder folder, string algorithm, string? name = null)
    {
        name ??= algorithm;
        string privatePath = folder.File(name + ".pem");
        Cli.Run("keys", "new", "--alg", algorithm, "--out", privatePath).AssertExit(0);
        string pem = File.ReadAllText(privatePath);
        string publicPem;
        if (algorithm.StartsWith("ES", StringComparison.Ordinal))
        {
            using var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            publicPem = ec.ExportSubjectPublicKeyInfoPem();
        }
        else
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            publicPem = rsa.ExportSubjectPublicKeyInfoPem();
        }
        return (privatePath, folder.Write(name + ".pub.pem", publicPem));
    }

    private static string Sign(params string[] flags) => Cli.Run(["sign", "--now", "1700000000", "--claim", "sub=u-42", .. flags]).AssertExit(0).Stdout.Trim();

    [Fact]
    public void WithoutAKeyPrintsHeaderAndPayloadOnly()
    {
        string token = Sign("--secret", Secret, "--issuer", "me");

        var result = Cli.Run("decode", token).AssertExit(0);

        var output = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", Minify(output.GetProperty("header")));
        Assert.Equal("""{"sub":"u-42","iat":1700000000,"iss":"me"}""", Minify(output.GetProperty("payload")));
        Assert.False(output.TryGetProperty("signature", out _));
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void TokenFromStdinWithABearerPrefix()
    {
        string token = Sign("--secret", Secret);

        var result = Cli.Run(["decode", "-"], stdin: "Bearer " + token + "\n").AssertExit(0);

        Assert.Equal("u-42", JsonDocument.Parse(result.Stdout).RootElement.GetProperty("payload").GetProperty("sub").GetString());
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("ES512")]
    [InlineData("RS256")]
    [InlineData("PS384")]
    public void VerifiesWithThePublicPemOfAKeyFromKeysNew(string algorithm)
    {
        using var folder = new TempFolder();
        var (privatePath, publicPath) = NewKeyPair(folder, algorithm);
        string token = Sign("--key-file", privatePath, "--alg", algorithm);

        var result = Cli.Run("decode", token, "--key-file", publicPath).AssertExit(0);

        Assert.Equal("valid", JsonDocument.Parse(result.Stdout).RootElement.GetProperty("signature").GetString());
        Assert.Equal($"Signature valid ({algorithm}).", result.Stderr.Trim());
    }

    [Fact]
    public void AChangedPayloadIsAnInvalidSignature()
    {
        using var folder = new TempFolder();
        var (privatePath, publicPath) = NewKeyPair(folder, "ES256");
        string[] parts = Sign("--key-file", privatePath).Split('.');
        string forged = parts[0] + "." + System.Buffers.Text.Base64Url.EncodeToString("{\"sub\":\"admin\"}"u8) + "." + parts[2];

        var result = Cli.Run("decode", forged, "--key-file", publicPath).AssertExit(1);

        Assert.Equal("invalid", JsonDocument.Parse(result.Stdout).RootElement.GetProperty("signature").GetString());
        Assert.Contains("error: invalid signature: the signature does not match", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void APublicKeyIsNeverAnHmacSecret()
    {
        using var folder = new TempFolder();
        var (_, publicPath) = NewKeyPair(folder, "RS256");
        string token = Sign("--secret", File.ReadAllText(publicPath));

        var result = Cli.Run("decode", token, "--key-file", publicPath).AssertExit(1);

        Assert.Contains("the token is signed with HS256, which needs the HMAC secret", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("the key given is an RSA 2048-bit key", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyOnAnotherCurveIsNamed()
    {
        using var folder = new TempFolder();
        var (privatePath, _) = NewKeyPair(folder, "ES256");
        var (_, otherPublic) = NewKeyPair(folder, "ES384");
        string token = Sign("--key-file", privatePath);

        var result = Cli.Run("decode", token, "--key-file", otherPublic).AssertExit(1);

        Assert.Contains("the token is signed with ES256, which uses P-256, but the key is on P-384.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void JwkSetChoosesTheKeyByTheTokensKid()
    {
        using var folder = new TempFolder();
        var (privatePath, _) = NewKeyPair(folder, "ES256", "current");
        var (_, otherPublic) = NewKeyPair(folder, "ES256", "old");
        string token = Sign("--key-file", privatePath, "--key-id", "current");
        string set = $$"""{"keys": [{{PublicJwk(otherPublic, "old")}}, {{PublicJwk(privatePath, "current")}}]}""";

        Cli.Run("decode", token, "--key-file", folder.Write("jwks.json", set)).AssertExit(0);
        var unknown = Cli.Run("decode", Sign("--key-file", privatePath, "--key-id", "gone"), "--key-file", folder.Write("jwks.json", set)).AssertExit(1);
        Assert.Contains("has no key with kid \"gone\"", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifiesWithTheSecretAndRefusesAnotherOne()
    {
        string token = Sign("--secret", Secret);

        Cli.Run("decode", token, "--secret", Secret).AssertExit(0);
        var wrong = Cli.Run("decode", token, "--secret", Secret + "x").AssertExit(1);

        Assert.Contains("the signature does not match", wrong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifiesWithACertificateAndAPkcs1PublicKey()
    {
        using var folder = new TempFolder();
        var (privatePath, _) = NewKeyPair(folder, "RS256");
        using var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(privatePath));
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=cli-tests", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        string token = Sign("--key-file", privatePath);

        Cli.Run("decode", token, "--key-file", folder.Write("cert.pem", certificate.ExportCertificatePem())).AssertExit(0);
        Cli.Run("decode", token, "--key-file", folder.Write("pkcs1.pem", rsa.ExportRSAPublicKeyPem())).AssertExit(0);
    }

    [Fact]
    public void VerifiesWithAnOctJwk()
    {
        using var folder = new TempFolder();
        string token = Sign("--secret", Secret, "--alg", "HS512");
        string k = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(Secret));

        Cli.Run("decode", token, "--key-file", folder.Write("oct.json", $$"""{"kty":"oct","k":"{{k}}"}""")).AssertExit(0);
    }

    [Fact]
    public void AnUnusableJwkIsNamedWithItsFile()
    {
        using var folder = new TempFolder();
        string token = Sign("--secret", Secret);
        string path = folder.Write("ed.json", """{"kty":"EC","crv":"P-192","x":"AA","y":"AA"}""");

        var result = Cli.Run("decode", token, "--key-file", path).AssertExit(1);

        Assert.Equal($"error: The JWK in \"{path}\" is not a usable key: its \"crv\" \"P-192\" is not supported: use \"P-256\", \"P-384\" or \"P-521\".", result.Stderr.Trim());
    }

    [Fact]
    public void AnEncryptedPrivateKeyNeedsItsPassphrase()
    {
        using var folder = new TempFolder();
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string path = folder.Write("enc.pem", ec.ExportEncryptedPkcs8PrivateKeyPem("pass-word", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)));
        string token = Sign("--key-file", folder.Write("plain.pem", ec.ExportPkcs8PrivateKeyPem()));

        var without = Cli.Run("decode", token, "--key-file", path).AssertExit(1);
        var with = Cli.Run(["decode", token, "--key-file", path, "--passphrase-env", "CLI_TEST_PASS"],
            environment: new Dictionary<string, string> { ["CLI_TEST_PASS"] = "pass-word" }).AssertExit(0);

        Assert.Contains("holds an encrypted private key", without.Stderr, StringComparison.Ordinal);
        Assert.Equal("Signature valid (ES256).", with.Stderr.Trim());
    }

    private static string PublicJwk(string pemPath, string kid)
    {
        using var ec = ECDsa.Create();
        ec.ImportFromPem(File.ReadAllText(pemPath));
        var p = ec.ExportParameters(includePrivateParameters: false);
        return $$"""{"kty":"EC","crv":"P-256","kid":"{{kid}}","x":"{{System.Buffers.Text.Base64Url.EncodeToString(p.Q.X)}}","y":"{{System.Buffers.Text.Base64Url.EncodeToString(p.Q.Y)}}"}""";
    }

    private static string Minify(JsonElement element) => JsonSerializer.Serialize(element);
}
