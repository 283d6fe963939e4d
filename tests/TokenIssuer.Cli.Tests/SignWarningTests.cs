namespace TokenIssuer.Cli.Tests;

/// <summary>
/// <c>sign</c> signs what jsonwebtoken signs (exit code 0, the token on stdout) but warns on stderr about a
/// short HMAC secret, header members that point a verifier at a key or at extensions, and a token
/// already expired when made. Never in <c>--batch</c> mode, whose stderr stays empty.
/// </summary>
public class SignWarningTests
{
    private const string Secret = "a-secret-of-at-least-32-bytes-length!!";

    private static CliResult Sign(params string[] flags)
    {
        var result = Cli.Run(["sign", "--now", "1700000000", .. flags]).AssertExit(0);
        Jwt.Parse(result.Stdout);
        return result;
    }

    [Theory]
    [InlineData("HS256", "0123456789", "warning: the HMAC secret is 10 bytes, shorter than HS256's 256-bit hash (32 bytes)")]
    [InlineData("HS512", Secret, "warning: the HMAC secret is 38 bytes, shorter than HS512's 512-bit hash (64 bytes)")]
    public void AnHmacSecretShorterThanTheHashIsSignedWithAWarning(string algorithm, string secret, string warning)
    {
        var result = Sign("--secret", secret, "--alg", algorithm);

        Assert.StartsWith(warning, result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"'tokenissuer keys new --alg {algorithm}'", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("crit", "[\"exp\"]", "warning: the header has \"crit\"")]
    [InlineData("jku", "\"https://attacker.example/keys\"", "warning: the header has \"jku\", which points a verifier at a key")]
    [InlineData("x5u", "\"https://attacker.example/cert\"", "warning: the header has \"x5u\", which points a verifier at a key")]
    [InlineData("jwk", "{\"kty\":\"oct\",\"k\":\"AA\"}", "warning: the header has \"jwk\", which points a verifier at a key")]
    [InlineData("x5c", "[\"AA\"]", "warning: the header has \"x5c\", which points a verifier at a key")]
    public void KeyAndCriticalHeadersAreSignedWithAWarning(string name, string json, string warning)
    {
        var result = Sign("--secret", Secret, "--header", $"{{\"{name}\":{json}}}");

        Assert.Equal(warning, result.Stderr.Trim()[..warning.Length]);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(Jwt.Parse(result.Stdout).Header.TryGetProperty(name, out _));
    }

    [Theory]
    [InlineData("--expires-in", "0")]
    [InlineData("--expires-in", "-1h")]
    public void ATokenExpiredWhenSignedIsSignedWithAWarning(string flag, string value)
    {
        var result = Sign("--secret", Secret, flag, value);

        Assert.StartsWith("warning: the token is already expired: exp ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("is not after the signing time 1700000000 (2023-11-14T22:13:20Z).", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ASoundTokenHasNoWarning()
    {
        var result = Sign("--secret", Secret, "--expires-in", "1h", "--header", "{\"typ\":\"at+jwt\"}");

        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void BatchModeNeverWarns()
    {
        string line = """{"id":"1","now":1700000000,"payload":{},"key":"short","options":{"expiresIn":0,"header":{"jku":"https://x.example"}}}""";

        var result = Cli.Run(["sign", "--batch"], stdin: line + "\n").AssertExit(0);

        Assert.Contains("\"token\"", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }
}
