using TokenIssuer.TestSupport;

namespace TokenIssuer.Cli.Tests;

/// <summary>
/// A key or a secret put where a name, a path or an algorithm goes (<c>--secret-env "$SECRET"</c>,
/// <c>--key-file "$(cat key.pem)"</c>) is never repeated in a message: the message names the flag,
/// gives the length and says what was expected.
/// </summary>
public class ArgumentLeakTests
{
    private const string Secret = "a-secret-of-at-least-32-bytes-length!!";

    /// <summary>What a generated secret looks like (base64 of 32 random bytes, fixed so that the test is too).</summary>
    private const string RandomSecret = "kR3vZ8+qLw0xN5tYb2Hs7Jd/Fa9Gc4Pe1Um6Qi+VoXE=";

    /// <summary>A secret that happens to be a valid variable name (letters and digits only).</summary>
    private const string AlphanumericSecret = "q8Xb3kLm9Zt2Wv7Rp4Ns6Yd1Hf5Jg0Ce";

    private static readonly string Pem = TestKeys.NewEc().PrivatePem;

    public static TheoryData<string, string[], int, string> Mistakes => new()
    {
        { RandomSecret, ["sign", "--secret-env", RandomSecret], 1, $"--secret-env takes the NAME of an environment variable; the value given ({RandomSecret.Length} characters, not shown) is not a variable name." },
        { AlphanumericSecret, ["sign", "--secret-env", AlphanumericSecret], 1, $"--secret-env: no environment variable of the name given ({AlphanumericSecret.Length} characters, not shown: it looks like a secret) is set." },
        { RandomSecret, ["sign", "--key-file", "{pem}", "--passphrase-env", RandomSecret], 1, "--passphrase-env takes the NAME of an environment variable" },
        { Pem, ["sign", "--key-file", Pem], 1, $"--key-file takes the PATH of a key file; the value given ({Pem.Length} characters, not shown) looks like a key or a secret" },
        { Pem, ["decode", "eyJhbGciOiJIUzI1NiJ9.e30.AAAA", "--key-file", Pem], 1, "--key-file takes the PATH of a key file" },
        { RandomSecret, ["sign", "--key-file", RandomSecret], 1, "--key-file takes the PATH of a key file" },
        { RandomSecret, ["sign", "--secret", Secret, "--alg", RandomSecret], 2, $"--alg (a value of {RandomSecret.Length} characters, not shown) is not an algorithm" },
        { RandomSecret, ["sign", "--secret", Secret, "--expires-in", RandomSecret], 2, "--expires-in: (a value of" },
        { RandomSecret, ["sign", "--secret", Secret, "--now", RandomSecret], 2, "--now (a value of" },
        { Pem, ["decode", Pem], 1, $"The token given ({Pem.Length} characters, not shown) is a PEM key, not a token" },
        { Pem, ["sign", "--secret", Secret, Pem], 2, $"Unrecognized command or argument '(a value of {Pem.Length} characters, not shown)'" },
        { RandomSecret, ["keys", "new", "--alg", RandomSecret], 2, "--alg (a value of" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void AMisplacedKeyIsNamedByItsLengthOnly(string material, string[] arguments, int exitCode, string message)
    {
        using var folder = new TempDirectory();
        string keyFile = folder.WriteFile("key.pem", Pem);
        string[] resolved = [.. arguments.Select(a => a == "{pem}" ? keyFile : a)];

        var result = Cli.Run(resolved).AssertExit(exitCode);

        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        foreach (string line in material.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.Length >= 8))
        {
            Assert.DoesNotContain(line, result.Stderr, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(material[..Math.Min(16, material.Length)], result.Stderr + result.Stdout, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Fact]
    public void AnUnsetVariableWithAnOrdinaryNameIsStillNamed()
    {
        var result = Cli.Run("sign", "--secret-env", "JWT_SIGNING_SECRET_FOR_STAGING").AssertExit(1);

        Assert.Contains("--secret-env: the environment variable \"JWT_SIGNING_SECRET_FOR_STAGING\" is not set.", result.Stderr, StringComparison.Ordinal);
    }
}
