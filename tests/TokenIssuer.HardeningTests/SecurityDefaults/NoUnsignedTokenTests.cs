using System.Text;
using System.Text.Json;

namespace TokenIssuer.HardeningTests.SecurityDefaults;

/// <summary>
/// No path issues an unsigned token: "none" (in any case, with spaces) as the algorithm, as header.alg,
/// as a profile's Algorithm or Header, on the command line or in a batch request is refused; an
/// algorithm value outside the enum never falls through to an empty signature.
/// </summary>
public sealed class NoUnsignedTokenTests
{
    private static readonly string[] NoneSpellings = ["none", "None", "NONE", "nOnE", " none", "none ", ""];
    private static readonly SigningKey Secret = SigningKey.FromSecret(TestKeys.Secret64);

    [Fact]
    public void TheAlgorithmEnumAndItsParserHaveNoNone()
    {
        Assert.DoesNotContain(Enum.GetNames<JwtAlgorithm>(), name => name.Contains("none", StringComparison.OrdinalIgnoreCase));
        Assert.All(NoneSpellings, name => Assert.False(JwtAlgorithmNames.TryParse(name, out _)));
    }

    public static TheoryData<string> Spellings => new(NoneSpellings);

    [Theory]
    [MemberData(nameof(Spellings))]
    public void TheEngineRefusesNoneAsAlgorithmAndAsHeaderAlg(string none)
    {
        string json = JsonSerializer.Serialize(none);
        Assert.Throws<JwtSigningException>(() => JwtSignOptions.FromJson($"{{\"algorithm\":{json}}}"));
        var fromJson = JwtSignOptions.FromJson($"{{\"header\":{{\"alg\":{json}}}}}");
        Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(new Dictionary<string, object?>(), Secret, fromJson));
        Assert.Throws<JwtSigningException>(() => JwtSigner.Sign("payload", Secret, fromJson));
        var fromCode = new JwtSignOptions { Header = new Dictionary<string, object?> { ["alg"] = none } };
        Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(new Dictionary<string, object?>(), Secret, fromCode));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("5")]
    [InlineData("[\"HS256\"]")]
    [InlineData("{\"alg\":\"HS256\"}")]
    [InlineData("false")]
    public void AHeaderAlgThatIsNotAStringIsRefused(string value)
    {
        var options = JwtSignOptions.FromJson($"{{\"header\":{{\"alg\":{value}}}}}");
        Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(new Dictionary<string, object?>(), Secret, options));
    }

    /// <summary>An algorithm value outside the enum (a cast, a deserialised number) never gives a token, signed or not.</summary>
    [Theory]
    [InlineData(-1)]
    [InlineData(12)]
    [InlineData(99)]
    public void AnUndefinedAlgorithmValueNeverGivesAToken(int value)
    {
        foreach (var (key, options) in UndefinedAlgorithmCases(value))
        {
            Assert.ThrowsAny<Exception>(() => JwtSigner.Sign(new Dictionary<string, object?>(), key, options));
        }
    }

    /// <summary>... and is refused like any other bad option: a JwtSigningException (or an ArgumentException for the enum value), not an IndexOutOfRangeException.</summary>
    [Theory]
    [InlineData(-1)]
    [InlineData(12)]
    [InlineData(99)]
    public void AnUndefinedAlgorithmValueIsRefusedAsABadOption(int value)
    {
        var wrong = new List<string>();
        foreach (var (key, options) in UndefinedAlgorithmCases(value))
        {
            var e = Record.Exception(() => JwtSigner.Sign(new Dictionary<string, object?>(), key, options));
            if (e is not (JwtSigningException or ArgumentException)) wrong.Add($"{key}, allowInvalidAsymmetricKeyTypes {options.AllowInvalidAsymmetricKeyTypes}: {e?.GetType().Name}: {e?.Message}");
        }
        Assert.True(wrong.Count == 0, $"(JwtAlgorithm){value}:\n" + string.Join("\n", wrong));
    }

    private static IEnumerable<(SigningKey Key, JwtSignOptions Options)> UndefinedAlgorithmCases(int value)
    {
        foreach (var key in new[] { Secret, AlgorithmKeysFor.Ec, AlgorithmKeysFor.Rsa })
        {
            foreach (bool allowInvalid in new[] { false, true })
            {
                yield return (key, new JwtSignOptions { Algorithm = (JwtAlgorithm)value, AllowInvalidAsymmetricKeyTypes = allowInvalid, AllowInsecureKeySizes = allowInvalid });
            }
        }
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task AProfileRefusesNoneAsAlgorithmAndInItsHeader(string none)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:Main:SecretBase64"] = Convert.ToBase64String(TestKeys.Secret64),
            ["JwtIssuer:Profiles:Api:SigningKey"] = "Main",
            ["JwtIssuer:Profiles:Api:Algorithm"] = none,
        };
        if (none.Trim().Length > 0)
        {
            var e = await TestHosts.StartFailsAsync(configuration);
            Assert.Contains(e.Failures, f => f.StartsWith("JwtIssuer:Profiles:Api:Algorithm:", StringComparison.Ordinal));
        }
        configuration["JwtIssuer:Profiles:Api:Algorithm"] = "HS256";
        configuration["JwtIssuer:Profiles:Api:Header:alg"] = none;
        var header = await TestHosts.StartFailsAsync(configuration);
        Assert.Contains(header.Failures, f => f.StartsWith("JwtIssuer:Profiles:Api:Header:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--alg", "none", 2)]
    [InlineData("--alg", "NONE", 2)]
    [InlineData("--header", "{\"alg\":\"none\"}", 1)]
    [InlineData("--header", "{\"alg\":\"None\"}", 1)]
    public void TheCommandLineRefusesNone(string flag, string value, int exitCode)
    {
        var result = Cli.Run("sign", "--secret", "a-secret-of-at-least-32-bytes-length!!", flag, value);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal("", result.StdoutText);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Fact]
    public void TheBatchRefusesNoneInEveryPlace()
    {
        string[] options = ["{\"algorithm\":\"none\"}", "{\"algorithm\":\"NONE\"}", "{\"header\":{\"alg\":\"none\"}}", "{\"header\":{\"alg\":\"none\"},\"algorithm\":\"HS256\"}", "{\"algorithm\":\"none\",\"header\":{\"alg\":\"HS256\"}}"];
        var lines = options.Select((o, i) => $"{{\"id\":\"{i}\",\"now\":1700000000,\"payload\":{{\"a\":1}},\"key\":\"secret\",\"options\":{o}}}");
        // jsonwebtoken's own unsigned form: algorithm none with no key at all.
        lines = lines.Append("{\"id\":\"nokey\",\"now\":1700000000,\"payload\":{\"a\":1},\"options\":{\"algorithm\":\"none\"}}");
        var result = Cli.Run(["sign", "--batch"], Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        Assert.Equal(0, result.ExitCode);
        var answers = result.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(options.Length + 1, answers.Length);
        Assert.All(answers, answer => Assert.Contains("\"error\"", answer));
        Assert.All(answers, answer => Assert.DoesNotContain("\"token\"", answer));
    }
}

internal static class AlgorithmKeysFor
{
    public static readonly SigningKey Ec = SigningKey.FromPem(TestKeys.Pkcs8Pem(TestKeys.P256));
    public static readonly SigningKey Rsa = SigningKey.FromPem(TestKeys.Pkcs8Pem(TestKeys.Rsa2048));
}
