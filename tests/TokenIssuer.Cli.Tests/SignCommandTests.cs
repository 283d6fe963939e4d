using System.Text;

namespace TokenIssuer.Cli.Tests;

/// <summary><c>tokenissuer sign</c> from flags: the claims and header it writes, and a signature that checks.</summary>
public class SignCommandTests
{
    private const string Secret = "a-secret-of-at-least-32-bytes-length!!";
    private const long Now = 1_700_000_000;

    private static Jwt Sign(params string[] flags)
    {
        var result = Cli.Run(["sign", "--secret", Secret, "--now", Now.ToString(System.Globalization.CultureInfo.InvariantCulture), .. flags]).AssertExit(0);
        Assert.Equal("", result.Stderr);
        return Jwt.Parse(result.Stdout);
    }

    [Fact]
    public void FlagsBecomeTheRegisteredClaimsAndHeader()
    {
        var jwt = Sign("--issuer", "https://id.example.com", "--subject", "u-42", "--audience", "orders", "--audience", "billing",
            "--expires-in", "15m", "--not-before", "30", "--jwt-id", "j-1", "--key-id", "k-1", "--header", "{\"typ\":\"at+jwt\"}");

        Assert.Equal("""{"alg":"HS256","typ":"at+jwt","kid":"k-1"}""", jwt.Header.GetRawText());
        var payload = jwt.Payload;
        Assert.Equal(Now, payload.GetProperty("iat").GetInt64());
        Assert.Equal(Now + 900, payload.GetProperty("exp").GetInt64());
        Assert.Equal(Now + 30, payload.GetProperty("nbf").GetInt64());
        Assert.Equal("https://id.example.com", payload.GetProperty("iss").GetString());
        Assert.Equal("u-42", payload.GetProperty("sub").GetString());
        Assert.Equal("j-1", payload.GetProperty("jti").GetString());
        Assert.Equal("""["orders","billing"]""", payload.GetProperty("aud").GetRawText());
        Assert.True(jwt.HasHs256Signature(Encoding.UTF8.GetBytes(Secret)), "the HS256 signature does not check with the secret");
    }

    [Fact]
    public void ClaimWithEqualsIsAStringAndWithColonEqualsIsJson()
    {
        var payload = Sign("--no-timestamp",
            "--claim", "role=admin", "--claim", "count=7", "--claim", "admin:=true", "--claim", "n:=7",
            "--claim", "scope:=[\"read\",\"write\"]", "--claim", "meta:={\"a\":null}", "--claim", "eq=a=b").Payload;

        Assert.Equal("""{"role":"admin","count":"7","admin":true,"n":7,"scope":["read","write"],"meta":{"a":null},"eq":"a=b"}""", payload.GetRawText());
    }

    [Fact]
    public void ClaimOverridesTheSameNameInThePayload()
    {
        var payload = Sign("--no-timestamp", "--payload", "{\"role\":\"user\",\"keep\":1}", "--claim", "role=admin").Payload;

        Assert.Equal("""{"role":"admin","keep":1}""", payload.GetRawText());
    }

    [Fact]
    public void PayloadFromStdin()
    {
        var result = Cli.Run(["sign", "--secret", Secret, "--no-timestamp", "--payload", "-"], stdin: "{\"sub\":\"from-stdin\"}").AssertExit(0);

        Assert.Equal("""{"sub":"from-stdin"}""", Jwt.Parse(result.Stdout).Payload.GetRawText());
    }

    [Fact]
    public void SecretFromTheEnvironmentSignsLikeTheSameSecretOnTheCommandLine()
    {
        var fromEnvironment = Cli.Run(["sign", "--secret-env", "CLI_TEST_SECRET", "--now", "1700000000"],
            environment: new Dictionary<string, string> { ["CLI_TEST_SECRET"] = Secret }).AssertExit(0);
        var fromFlag = Cli.Run("sign", "--secret", Secret, "--now", "1700000000").AssertExit(0);

        Assert.Equal(fromFlag.Stdout, fromEnvironment.Stdout);
    }

    [Fact]
    public void KeyFileFromKeysNewSignsWithItsAlgorithm()
    {
        using var folder = new TempFolder();
        string key = folder.File("es384.pem");
        Cli.Run("keys", "new", "--alg", "ES384", "--out", key).AssertExit(0);

        var jwt = Jwt.Parse(Cli.Run("sign", "--key-file", key, "--claim", "sub=u").AssertExit(0).Stdout);

        Assert.Equal("ES384", jwt.Header.GetProperty("alg").GetString());
        Assert.Equal(96, jwt.Signature.Length);
        Cli.Run("decode", jwt.SigningInput + "." + System.Buffers.Text.Base64Url.EncodeToString(jwt.Signature), "--key-file", key).AssertExit(0);
    }

    [Fact]
    public void StringPayloadIsSignedAsIs()
    {
        var result = Cli.Run("sign", "--secret", Secret, "--payload", "\"hello\"").AssertExit(0);

        string[] parts = result.Stdout.Trim().Split('.');
        Assert.Equal("hello", Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])));
    }
}
