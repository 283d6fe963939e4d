using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.IntegrationTests.Binding;

/// <summary>
/// <c>AddJwtIssuer(section)</c> called more than once: the same section is bound once; different
/// sections are all bound, in call order, a later one winning where both set an option.
/// </summary>
public sealed class SectionRegistrationTests
{
    private static readonly Dictionary<string, string?> ConfigurationWithATypo = new()
    {
        ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
        ["JwtIssuer:Profiles:Access:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:Access:ExpiresIm"] = "15m",
    };

    [Fact]
    public async Task SameSectionObjectTwiceIsBoundOnce()
    {
        var builder = TestHosts.Builder(ConfigurationWithATypo);
        var section = builder.Configuration.GetSection("JwtIssuer");
        builder.Services.AddJwtIssuer(section);
        builder.Services.AddJwtIssuer(section);

        var error = await TestHosts.StartFailsAsync(builder);
        Assert.Single(error.Failures, f => f.Contains("ExpiresIm", StringComparison.Ordinal));
        using var provider = builder.Services.BuildServiceProvider();
        Assert.Single(provider.GetServices<IOptionsChangeTokenSource<JwtIssuerOptions>>());
    }

    [Fact]
    public async Task SamePathOfTheSameConfigurationTwiceIsBoundOnce()
    {
        // What two modules that each register TokenIssuer write: GetSection makes a new object each time.
        var builder = TestHosts.Builder(ConfigurationWithATypo);
        builder.Services.AddJwtIssuer(builder.Configuration.GetSection("JwtIssuer"));
        builder.Services.AddJwtIssuer(builder.Configuration.GetSection("jwtissuer"));

        var error = await TestHosts.StartFailsAsync(builder);
        Assert.Single(error.Failures, f => f.Contains("ExpiresIm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SameSectionTwiceStillReloadsWhenItChanges()
    {
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
            ["JwtIssuer:Profiles:Access:SigningKey"] = "Main",
            ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
        });
        builder.Services.AddJwtIssuer(builder.Configuration.GetSection("JwtIssuer"));
        builder.Services.AddJwtIssuer(builder.Configuration.GetSection("JwtIssuer"));
        await using var host = await TestHosts.StartAsync(builder);
        Assert.Equal(TestClock.StartIat + 900, new Jwt(host.Issuer.Issue("Access")).Exp);

        host.Configuration.Change(("JwtIssuer:Profiles:Access:ExpiresIn", "5m"));

        Assert.Equal(TestClock.StartIat + 300, new Jwt(host.Issuer.Issue("Access")).Exp);
    }

    [Fact]
    public void DifferentConfigurationsAtTheSamePathAreBothBoundTheLaterWinning()
    {
        var shared = Configuration(new()
        {
            ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
            ["JwtIssuer:Profiles:Access:SigningKey"] = "Main",
            ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
            ["JwtIssuer:Profiles:Access:Issuer"] = "https://shared.test",
        });
        var local = Configuration(new()
        {
            ["JwtIssuer:Profiles:Access:Issuer"] = "https://local.test",
            ["JwtIssuer:Profiles:Refresh:SigningKey"] = "Main",
            ["JwtIssuer:Profiles:Refresh:ExpiresIn"] = "1d",
        });
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(TestClock.Create());
        services.AddJwtIssuer(shared.GetSection("JwtIssuer"));
        services.AddJwtIssuer(local.GetSection("JwtIssuer"));
        using var provider = services.BuildServiceProvider();
        var issuer = provider.GetRequiredService<IJwtIssuer>();

        Assert.Equal(new[] { "Access", "Refresh" }, issuer.Profiles.Order());
        var access = new Jwt(issuer.Issue("Access"));
        Assert.Equal("https://local.test", access.String("iss"));
        Assert.Equal(TestClock.StartIat + 900, access.Exp);
        Assert.Equal(TestClock.StartIat + 86_400, new Jwt(issuer.Issue("Refresh")).Exp);
        Assert.Equal(2, provider.GetServices<IOptionsChangeTokenSource<JwtIssuerOptions>>().Count());
    }

    [Fact]
    public async Task DifferentSectionsOfOneConfigurationAreBothBound()
    {
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["Tokens:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
            ["Tokens:Profiles:Access:SigningKey"] = "Main",
            ["PartnerTokens:Keys:Partner:SecretBase64"] = TestKeys.Secret64Base64,
            ["PartnerTokens:Profiles:Partner:SigningKey"] = "Partner",
            ["PartnerTokens:Profiles:Partner:ExpiresIn"] = "5m",
        });
        builder.Services.AddJwtIssuer(builder.Configuration.GetSection("Tokens"));
        builder.Services.AddJwtIssuer(builder.Configuration.GetSection("PartnerTokens"));
        await using var host = await TestHosts.StartAsync(builder);

        Assert.Equal(new[] { "Access", "Partner" }, host.Issuer.Profiles.Order());
        await JsonWebTokenValidation.AssertValidAsync(host.Issuer.Issue("Partner"), new SymmetricSecurityKey(TestKeys.Secret64), TestClock.Start);
    }

    private static IConfigurationRoot Configuration(Dictionary<string, string?> values)
        => new ConfigurationBuilder().Add(new ReloadableConfiguration(values)).Build();
}
