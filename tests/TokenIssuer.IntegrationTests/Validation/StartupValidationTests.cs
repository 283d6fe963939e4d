using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TokenIssuer.IntegrationTests.Validation;

/// <summary>
/// Every configuration mistake stops the host at start-up (ValidateOnStart) with an
/// <see cref="OptionsValidationException"/> whose message names the configuration path, says what is
/// wrong, and never repeats key material.
/// </summary>
public sealed class StartupValidationTests
{
    public static TheoryData<string> MistakeNames => new(MistakeCatalogue.All.Select(m => m.Name));

    [Fact]
    public void TheCatalogueHasAtLeast25DistinctMistakes()
    {
        Assert.True(MistakeCatalogue.All.Count >= 25);
        Assert.Equal(MistakeCatalogue.All.Count, MistakeCatalogue.All.Select(m => m.Name).Distinct().Count());
    }

    [Fact]
    public async Task TheConfigurationTheMistakesStartFromIsValid()
    {
        using var root = new TempDirectory();
        var setup = new MistakeSetup(root);
        var builder = TestHosts.Builder(setup.Configuration, contentRoot: root.Path);
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);
        Assert.NotEmpty(host.Issuer.Issue("Access"));
    }

    [Theory]
    [MemberData(nameof(MistakeNames))]
    public async Task EachMistakeStopsStartUpWithThePathAndTheReason(string name)
    {
        var mistake = MistakeCatalogue.All.Single(m => m.Name == name);
        using var root = new TempDirectory();
        var setup = new MistakeSetup(root);
        mistake.Apply(setup);
        var builder = TestHosts.Builder(setup.Configuration, mistake.Environment, root.Path);
        builder.Services.AddJwtIssuer();

        var error = await TestHosts.StartFailsAsync(builder);

        Assert.Equal(typeof(JwtIssuerOptions), error.OptionsType);
        Assert.True(
            error.Failures.Any(f => f.StartsWith(mistake.Path + ":", StringComparison.Ordinal) && f.Contains(mistake.Fragment, StringComparison.Ordinal)),
            $"expected a failure starting with \"{mistake.Path}:\" and containing \"{mistake.Fragment}\"; the failures were:\n{string.Join("\n", error.Failures)}");
        foreach (string material in setup.Material)
        {
            Assert.False(error.Message.Contains(material, StringComparison.Ordinal), $"the message repeats key material \"{material}\":\n{error.Message}");
        }
    }

    [Fact]
    public async Task SeveralMistakesAreAllReportedInOneException()
    {
        using var root = new TempDirectory();
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:Main:Secret"] = MistakeSetup.BaseSecret,
            ["JwtIssuer:Keys:Broken:SecretBase64"] = "%%%%not-base64-secret%%%",
            ["JwtIssuer:Profiles:Access:Algorithm"] = "XX",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "Main",
            ["JwtIssuer:Profiles:Access:ExpiresIm"] = "15m",
            ["JwtIssuer:Profiles:Refresh:SigningKey"] = "Main",
            ["JwtIssuer:Profiles:Refresh:ExpiresIn"] = "1h",
            ["JwtIssuer:Profiles:Refresh:NotBefore"] = "2h",
            ["JwtIssuer:Profiles:Refresh:Header:crit"] = "exp",
            ["JwtIssuer:Profiles:NoKey:Algorithm"] = "ES256",
        }, contentRoot: root.Path);
        builder.Services.AddJwtIssuer();

        var error = await TestHosts.StartFailsAsync(builder);

        var expected = new[]
        {
            "JwtIssuer:Profiles:Access:ExpiresIm:",
            "JwtIssuer:Profiles:Access:Algorithm:",
            "JwtIssuer:Keys:Broken:SecretBase64:",
            "JwtIssuer:Profiles:Refresh:NotBefore:",
            "JwtIssuer:Profiles:Refresh:Header:",
            "JwtIssuer:Profiles:NoKey:SigningKey:",
        };
        foreach (string path in expected)
        {
            Assert.True(error.Failures.Any(f => f.StartsWith(path, StringComparison.Ordinal)), $"no failure for {path}; the failures were:\n{string.Join("\n", error.Failures)}");
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        Assert.Equal(expected.Length, error.Failures.Count());
        Assert.DoesNotContain(MistakeSetup.BaseSecret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessagesNameTheCustomSectionActuallyRead()
    {
        // AddJwtIssuer(section) reads any section; a message should point at the path the mistake is at.
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["Auth:Tokens:Keys:Main:Secret"] = MistakeSetup.BaseSecret,
            ["Auth:Tokens:Profiles:Access:SigningKey"] = "Main",
            ["Auth:Tokens:Profiles:Access:Algorithm"] = "XX",
            ["Auth:Tokens:Profiles:Access:ExpiresIm"] = "15m",
        });
        builder.Services.AddJwtIssuer(builder.Configuration.GetSection("Auth:Tokens"));

        var error = await TestHosts.StartFailsAsync(builder);

        Assert.Contains(error.Failures, f => f.StartsWith("Auth:Tokens:Profiles:Access:ExpiresIm:", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Auth:Tokens:Profiles:Access:Algorithm:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(KeyFiles.Rsa1024, "RS256")]
    [InlineData(null, "HS256")]
    public async Task AllowInsecureKeySizesAcceptsWhatIsOtherwiseRefused(string? rsaFile, string algorithm)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["JwtIssuer:Profiles:Legacy:Algorithm"] = algorithm,
            ["JwtIssuer:Profiles:Legacy:SigningKey"] = "Legacy",
            ["JwtIssuer:Profiles:Legacy:AllowInsecureKeySizes"] = "true",
        };
        if (rsaFile is null) configuration["JwtIssuer:Keys:Legacy:Secret"] = "0123456789abcdef";
        else configuration["JwtIssuer:Keys:Legacy:Pem"] = KeyFiles.Pem(rsaFile);
        var builder = TestHosts.Builder(configuration);
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);

        Assert.Equal(algorithm, new Jwt(host.Issuer.Issue("Legacy")).Alg);
    }

    [Fact]
    public void WithoutIConfigurationAddJwtIssuerExplainsWhatIsMissing()
    {
        var services = new ServiceCollection();
        services.AddJwtIssuer();
        using var provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredService<IJwtIssuer>());
        Assert.Contains("no IConfiguration is registered", error.Message, StringComparison.Ordinal);
    }
}
