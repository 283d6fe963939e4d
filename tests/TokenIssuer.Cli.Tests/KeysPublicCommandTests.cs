using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TokenIssuer.Cli.Tests;

/// <summary><c>tokenissuer keys public</c>: the public half of a key file as PEM or as a JWK whose kid is its RFC 7638 thumbprint.</summary>
public class KeysPublicCommandTests
{
    [Fact]
    public void ThePublicPemOfAPrivateKeyVerifiesWhatThePrivateKeySigned()
    {
        using var folder = new TempFolder();
        string privateKey = folder.File("es256.pem");
        Cli.Run("keys", "new", "--alg", "ES256", "--out", privateKey).AssertExit(0);
        var result = Cli.Run("keys", "public", "--key-file", privateKey).AssertExit(0);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", result.Stdout, StringComparison.Ordinal);
        string publicKey = folder.Write("es256-public.pem", result.Stdout);

        string token = Cli.Run("sign", "--alg", "ES256", "--key-file", privateKey, "--claim", "sub=u-42").AssertExit(0).Stdout.Trim();
        var decoded = Cli.Run("decode", token, "--key-file", publicKey).AssertExit(0);

        Assert.Contains("\"signature\": \"valid\"", decoded.Stdout, StringComparison.Ordinal);
        using var ec = ECDsa.Create();
        ec.ImportFromPem(File.ReadAllText(privateKey));
        Assert.Equal(ec.ExportSubjectPublicKeyInfoPem().Trim(), result.Stdout.Trim());
    }

    [Theory]
    [InlineData("ES384")]
    [InlineData("RS256")]
    public void TheJwkCarriesTheRfc7638ThumbprintAsKid(string algorithm)
    {
        using var folder = new TempFolder();
        string privateKey = folder.File("key.pem");
        Cli.Run("keys", "new", "--alg", algorithm, "--out", privateKey).AssertExit(0);

        using var jwk = JsonDocument.Parse(Cli.Run("keys", "public", "--key-file", privateKey, "--jwk").AssertExit(0).Stdout);
        var root = jwk.RootElement;

        string[] required = root.GetProperty("kty").GetString() == "RSA" ? ["e", "kty", "n"] : ["crv", "kty", "x", "y"];
        string canonical = "{" + string.Join(",", required.Select(name => $"\"{name}\":\"{root.GetProperty(name).GetString()}\"")) + "}";
        Assert.Equal(Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), root.GetProperty("kid").GetString());
        Assert.False(root.TryGetProperty("d", out _), "the JWK holds the private exponent");
        // The same key read back from its public PEM gives the same JWK.
        string publicKey = folder.Write("public.pem", Cli.Run("keys", "public", "--key-file", privateKey).AssertExit(0).Stdout);
        using var again = JsonDocument.Parse(Cli.Run("keys", "public", "--key-file", publicKey, "--jwk").AssertExit(0).Stdout);
        Assert.Equal(root.GetRawText(), again.RootElement.GetRawText());
    }

    [Fact]
    public void AnHmacSecretHasNoPublicKey()
    {
        using var folder = new TempFolder();
        string jwk = folder.Write("secret.json", """{"kty":"oct","k":"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY"}""");

        var result = Cli.Run("keys", "public", "--key-file", jwk).AssertExit(1);

        Assert.Contains("HMAC secret, which has no public part", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("MDEyMzQ1", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }
}
