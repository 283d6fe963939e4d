namespace TokenIssuer.Cli.Tests;

/// <summary>
/// Exit code 2 for a command line that cannot work as written, 1 for input that cannot be used; either
/// way one message on stderr naming the problem, and never a stack trace.
/// </summary>
public class ExitCodeTests
{
    private const string Secret = "a-secret-of-at-least-32-bytes-length!!";

    public static TheoryData<string[], string> UsageErrors => new()
    {
        { ["sign", "--secret", Secret, "--expires-inn", "1h"], "Did you mean --expires-in?" },
        { ["sign", "--secret", Secret, "--alg", "hs256"], "--alg \"hs256\" is not an algorithm (did you mean HS256?)" },
        { ["sign", "--secret", Secret, "--alg", "none"], "unsigned tokens are not supported" },
        { ["sign", "--claim", "sub=u"], "A key is required" },
        { ["sign", "--secret", Secret, "--secret-base64", "AAAA"], "Give exactly one key source; got --secret and --secret-base64." },
        { ["sign", "--secret", Secret, "--claim", "novalue"], "--claim \"novalue\" has no '='" },
        { ["sign", "--secret", Secret, "--expires-in", "1.5"], "has no unit" },
        { ["sign", "--secret", Secret, "--now", "soon"], "--now \"soon\" is not a time" },
        { ["sign", "--batch", "--secret", Secret], "--batch reads the key, payload, options and clock of each request from stdin" },
        { ["keys", "new"], "--alg" },
        { ["keys", "new", "--alg", "ES256", "--force"], "--force only applies with --out FILE." },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void UsageErrorExits2(string[] arguments, string message)
    {
        var result = Cli.Run(arguments).AssertExit(2);

        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    public static TheoryData<string[], string> InputErrors => new()
    {
        { ["sign", "--key-file", "/nonexistent/key.pem"], "The key file \"/nonexistent/key.pem\" cannot be read" },
        { ["sign", "--secret", Secret, "--payload", "{not json"], "--payload is not valid JSON" },
        { ["sign", "--secret", Secret, "--alg", "RS256"], "secretOrPrivateKey must be an asymmetric key when using RS256" },
        { ["sign", "--secret-env", "CLI_TEST_UNSET_VARIABLE"], "--secret-env: the environment variable \"CLI_TEST_UNSET_VARIABLE\" is not set." },
        { ["sign", "--secret-base64", "not base64!"], "The secret is not valid base64 or base64url." },
        { ["decode", "not-a-token"], "This is not a JWT: a signed token has three parts separated by '.', this one has 1." },
        { ["decode", "a.b.c.d.e"], "This is an encrypted token (JWE, five parts)" },
        { ["decode", "eyJhbGciOiJIUzI1NiJ9.e30.AAAA", "--key-file", "/nonexistent/key.pem"], "cannot be read" },
    };

    [Theory]
    [MemberData(nameof(InputErrors))]
    public void BadInputExits1WithOneMessage(string[] arguments, string message)
    {
        var result = Cli.Run(arguments).AssertExit(1);

        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Fact]
    public void AKeyFileThatHoldsNoKeyExits1()
    {
        using var folder = new TempFolder();
        string path = folder.Write("empty.pem", "nothing here\n");

        var decode = Cli.Run("decode", "eyJhbGciOiJIUzI1NiJ9.e30.AAAA", "--key-file", path).AssertExit(1);
        var sign = Cli.Run("sign", "--key-file", path).AssertExit(1);

        Assert.Contains($"The key file \"{path}\" holds no key", decode.Stderr, StringComparison.Ordinal);
        Assert.Contains($"The key file \"{path}\" has no PEM block", sign.Stderr, StringComparison.Ordinal);
        Assert.False(decode.HasStackTrace || sign.HasStackTrace, decode.Stderr + sign.Stderr);
    }

    [Fact]
    public void HelpExits0OnStdout()
    {
        var result = Cli.Run("--help").AssertExit(0);

        Assert.Contains("tokenissuer: sign JSON Web Tokens", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }
}
