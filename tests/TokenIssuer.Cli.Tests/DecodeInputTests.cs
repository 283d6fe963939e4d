using System.Text.Json;

namespace TokenIssuer.Cli.Tests;

/// <summary>
/// <c>decode</c>'s bound on input (a token of at most 1 MiB, read no further), its time claims as dates,
/// its note on an expired or not yet valid token, and "did you mean" for a mistyped command.
/// </summary>
public class DecodeInputTests
{
    private const string Secret = "a-secret-of-at-least-32-bytes-length!!";

    [Fact]
    public void ATokenOverOneMebibyteOnStdinIsRefused()
    {
        string huge = "eyJhbGciOiJIUzI1NiJ9." + new string('A', 3 * 1024 * 1024) + ".AAAA";

        var result = Cli.Run(["decode", "-"], stdin: huge).AssertExit(1);

        Assert.Equal("error: The token on stdin is longer than 1 MiB (1,048,576 characters), the most this command reads.", result.Stderr.Trim());
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void APayloadOverOneMebibyteOnStdinIsRefused()
    {
        var result = Cli.Run(["sign", "--secret", Secret, "--payload", "-"], stdin: "{\"x\":\"" + new string('x', 2 * 1024 * 1024) + "\"}").AssertExit(1);

        Assert.Contains("--payload on stdin is longer than 1 MiB", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeClaimsAreShownAsUtcDatesAndAnExpiredTokenIsNoted()
    {
        string token = Cli.Run("sign", "--secret", Secret, "--now", "1700000000", "--expires-in", "1h", "--not-before", "60").AssertExit(0).Stdout.Trim();

        var result = Cli.Run("decode", token).AssertExit(0);

        var output = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("""{"iat":"2023-11-14T22:13:20Z","nbf":"2023-11-14T22:14:20Z","exp":"2023-11-14T23:13:20Z"}""", JsonSerializer.Serialize(output.GetProperty("dates")));
        Assert.Equal(1700003600, output.GetProperty("payload").GetProperty("exp").GetInt64());
        Assert.Equal("note: The token is expired: exp is 2023-11-14T23:13:20Z.", result.Stderr.Trim());
    }

    [Fact]
    public void ATokenNotValidYetIsNoted()
    {
        string token = Cli.Run("sign", "--secret", Secret, "--not-before", "3650d", "--expires-in", "3660d").AssertExit(0).Stdout.Trim();

        var result = Cli.Run("decode", token).AssertExit(0);

        Assert.StartsWith("note: The token is not valid yet: nbf is ", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "sgin" }, "Did you mean 'tokenissuer sign'?")]
    [InlineData(new[] { "decdoe" }, "Did you mean 'tokenissuer decode'?")]
    [InlineData(new[] { "keys", "nwe" }, "Did you mean 'tokenissuer keys new'?")]
    public void AMistypedCommandGetsDidYouMean(string[] arguments, string suggestion)
    {
        var result = Cli.Run(arguments).AssertExit(2);

        Assert.Contains(suggestion, result.Stderr, StringComparison.Ordinal);
    }
}
