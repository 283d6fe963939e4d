using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.HardeningTests.KeyHygiene;

/// <summary>
/// A secret the app takes from a committed settings file (appsettings.json, appsettings.{Environment}.json other than
/// Development) is warned about at start-up outside Development (event 15), by its configuration path and file, never
/// by its value; a secret from user-secrets or the environment, which override the file, is not.
/// </summary>
public sealed class InlineKeyMaterialWarningTests
{
    private const string RandomSecret = "kR3vZ8+qLw0xN5tYb2Hs7Jd/Fa9Gc4Pe1Um6Qi+VoXE=";

    private static string Settings(string secretBase64) => $$"""
        {
          "JwtIssuer": {
            "Keys": { "Main": { "SecretBase64": "{{secretBase64}}" } },
            "Profiles": { "Api": { "SigningKey": "Main", "ExpiresIn": "15m" } }
          }
        }
        """;

    private static async Task<IReadOnlyList<CapturedLog>> StartAsync(string environment, string fileName, string fileSecret,
        IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        using var folder = new TempDirectory();
        string file = folder.WriteFile(fileName, Settings(fileSecret));
        var builder = TestHosts.Builder(environment: environment, contentRoot: folder.Path);
        builder.Configuration.AddJsonFile(file, optional: false, reloadOnChange: false);
        // Later providers win, as user-secrets and environment variables do over appsettings.json.
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);
        host.Issuer.Issue("Api");
        return host.Logs.Records;
    }

    [Theory]
    [InlineData("Production", "appsettings.json")]
    [InlineData("Staging", "appsettings.json")]
    [InlineData("Production", "appsettings.Production.json")]
    public async Task ASecretFromACommittedSettingsFileIsWarnedAtStartUpOutsideDevelopment(string environment, string fileName)
    {
        var logs = await StartAsync(environment, fileName, RandomSecret);

        var warning = Assert.Single(logs, l => l.EventId == 15);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains($"TokenIssuer key material JwtIssuer:Keys:Main:SecretBase64 is written in {fileName}, which is committed with the app", warning.Message, StringComparison.Ordinal);
        Assert.All(logs, l => Assert.DoesNotContain(RandomSecret[..16], l.AllText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoWarningInDevelopment()
    {
        var logs = await StartAsync("Development", "appsettings.json", RandomSecret);

        Assert.DoesNotContain(logs, l => l.EventId == 15);
    }

    [Fact]
    public async Task NoWarningWhenTheSecretComesFromAProviderThatOverridesTheFile()
    {
        var logs = await StartAsync("Production", "appsettings.json", "", [new("JwtIssuer:Keys:Main:SecretBase64", RandomSecret)]);
        Assert.DoesNotContain(logs, l => l.EventId == 15);

        // The file's value is overridden: the secret in use is not the committed one.
        logs = await StartAsync("Production", "appsettings.json", Convert.ToBase64String(TestKeys.Secret64), [new("JwtIssuer:Keys:Main:SecretBase64", RandomSecret)]);
        Assert.DoesNotContain(logs, l => l.EventId == 15);
    }

    [Fact]
    public async Task NoWarningForTheDevelopmentFile()
    {
        var logs = await StartAsync("Production", "appsettings.Development.json", RandomSecret);

        Assert.DoesNotContain(logs, l => l.EventId == 15);
    }
}
