namespace TokenIssuer.Cli.Tests;

/// <summary>
/// <c>sign</c> follows jsonwebtoken and signs with a placeholder secret (exit code 0, the token on stdout), but says
/// on stderr that anyone could forge the token, without repeating the secret. The rule is the one start-up and the
/// build apply (PlaceholderSecret), where a placeholder is refused.
/// </summary>
public class PlaceholderSecretWarningTests
{
    [Theory]
    [InlineData("--secret", "set in user-secrets or the environment", "is a placeholder phrase")]
    [InlineData("--secret", "changeme-changeme-changeme-changeme", "is a placeholder phrase")]
    [InlineData("--secret", "<your jwt signing secret goes here>", "is a template slot or an unexpanded variable, not its value")]
    [InlineData("--secret", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "has fewer than 5 distinct characters")]
    [InlineData("--secret-base64", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "has fewer than 5 distinct characters")]
    public void APlaceholderSecretIsSignedWithAWarning(string flag, string secret, string reason)
    {
        var result = Cli.Run(["sign", "--now", "1700000000", flag, secret]).AssertExit(0);
        Jwt.Parse(result.Stdout);

        Assert.Contains($"warning: the secret ({secret.Length} characters, not shown) {reason}: anyone could forge the tokens it signs.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("`tokenissuer keys new --alg HS256`", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--secret", "a-secret-of-at-least-32-bytes-length!!")]
    [InlineData("--secret-base64", "kR3vZ8-qLw0xN5tYb2Hs7Jd_Fa9Gc4Pe1Um6Qi-VoXE")]
    public void ARealSecretGetsNoPlaceholderWarning(string flag, string secret)
    {
        var result = Cli.Run(["sign", "--now", "1700000000", flag, secret]).AssertExit(0);

        Assert.DoesNotContain("anyone could forge", result.Stderr, StringComparison.Ordinal);
    }
}
