using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TokenIssuer.IntegrationTests.Rotation;

/// <summary>Configuration reloads (in-memory provider + IConfigurationRoot.Reload) swap the plans atomically; invalid ones are ignored and logged.</summary>
public sealed class ConfigurationReloadTests
{
    private const string Profile = "JwtIssuer:Profiles:Access";

    private static async Task<TestHost> StartAsync(GeneratedEcKey a, GeneratedEcKey b)
    {
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:A:Pem"] = a.PrivatePem,
            ["JwtIssuer:Keys:B:Pem"] = b.PrivatePem,
            [Profile + ":Algorithm"] = "ES256",
            [Profile + ":SigningKey"] = "A",
            [Profile + ":ExpiresIn"] = "15m",
        });
        builder.Services.AddJwtIssuer();
        return await TestHosts.StartAsync(builder);
    }

    [Fact]
    public async Task SwappingTheSigningKeyOnReloadGivesTokensWithTheNewKidThatVerifyWithTheNewKey()
    {
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        await using var host = await StartAsync(a, b);
        var issuer = host.Issuer;

        var before = new Jwt(issuer.Issue("Access"));
        Assert.Equal(a.Thumbprint, before.Kid);
        await JsonWebTokenValidation.AssertValidAsync(before.Token, a.SecurityKey, TestClock.Start);

        host.Configuration.Change((Profile + ":SigningKey", "B"));

        var after = new Jwt(issuer.Issue("Access"));
        Assert.Equal(b.Thumbprint, after.Kid);
        await JsonWebTokenValidation.AssertValidAsync(after.Token, b.SecurityKey, TestClock.Start);
        Assert.False((await JsonWebTokenValidation.ValidateAsync(after.Token, a.SecurityKey, TestClock.Start)).IsValid);
        // Tokens issued before the swap still verify with the old key.
        await JsonWebTokenValidation.AssertValidAsync(before.Token, a.SecurityKey, TestClock.Start);

        var rotated = Assert.Single(host.Logs.TokenIssuerEvents(2));
        Assert.Equal(LogLevel.Information, rotated.Level);
        Assert.Contains("profile Access now signs with key B", rotated.Message, StringComparison.Ordinal);
        Assert.Contains(b.Thumbprint, rotated.Message, StringComparison.Ordinal);
        Assert.Empty(host.Logs.TokenIssuerEvents(3));
    }

    [Fact]
    public async Task ReplacingTheKeyMaterialUnderTheSameNameOnReloadChangesTheKid()
    {
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        var c = TestKeys.NewEc();
        await using var host = await StartAsync(a, b);

        host.Configuration.Change(("JwtIssuer:Keys:A:Pem", c.PrivatePem));

        var token = new Jwt(host.Issuer.Issue("Access"));
        Assert.Equal(c.Thumbprint, token.Kid);
        Assert.True(token.VerifiesWith(c.PublicKey));
    }

    [Fact]
    public async Task ReloadAddsAndRemovesProfiles()
    {
        await using var host = await StartAsync(TestKeys.NewEc(), TestKeys.NewEc());

        host.Configuration.Change(("JwtIssuer:Profiles:Added:SigningKey", "B"), ("JwtIssuer:Profiles:Added:ExpiresIn", "1m"));
        Assert.Equal(new[] { "Access", "Added" }, host.Issuer.Profiles.Order());
        Assert.Equal(TestClock.StartIat + 60, new Jwt(host.Issuer.Issue("Added")).Exp);

        host.Configuration.Change(("JwtIssuer:Profiles:Added:SigningKey", null), ("JwtIssuer:Profiles:Added:ExpiresIn", null));
        Assert.Equal(new[] { "Access" }, host.Issuer.Profiles);
        var error = Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Added"));
        Assert.Contains("The profiles are: Access.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadOfACustomSectionIsFollowed()
    {
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["Auth:Tokens:Keys:A:Pem"] = a.PrivatePem,
            ["Auth:Tokens:Keys:B:Pem"] = b.PrivatePem,
            ["Auth:Tokens:Profiles:Access:SigningKey"] = "A",
        });
        builder.Services.AddJwtIssuer(builder.Configuration.GetSection("Auth:Tokens"));
        await using var host = await TestHosts.StartAsync(builder);
        Assert.Equal(a.Thumbprint, new Jwt(host.Issuer.Issue("Access")).Kid);

        host.Configuration.Change(("Auth:Tokens:Profiles:Access:SigningKey", "B"));

        Assert.Equal(b.Thumbprint, new Jwt(host.Issuer.Issue("Access")).Kid);
    }

    [Fact]
    public async Task InvalidReloadKeepsThePreviousPlansAndLogsAnError()
    {
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        await using var host = await StartAsync(a, b);
        var issuer = host.Issuer;
        Assert.Equal(a.Thumbprint, new Jwt(issuer.Issue("Access")).Kid);

        host.Configuration.Change((Profile + ":Algorithm", "XX"), (Profile + ":SigningKey", "B"));

        var rejected = Assert.Single(host.Logs.TokenIssuerEvents(3));
        Assert.Equal(LogLevel.Error, rejected.Level);
        Assert.Contains("JwtIssuer:Profiles:Access:Algorithm: \"XX\" is not an algorithm", rejected.Message, StringComparison.Ordinal);
        Assert.Empty(host.Logs.TokenIssuerEvents(2));

        // Still the start-up plan: ES256 with key A.
        Assert.Equal(new[] { "Access" }, issuer.Profiles);
        var during = new Jwt(issuer.Issue("Access"));
        Assert.Equal("ES256", during.Alg);
        Assert.Equal(a.Thumbprint, during.Kid);
        await JsonWebTokenValidation.AssertValidAsync(during.Token, a.SecurityKey, TestClock.Start);

        // A later valid reload is applied.
        host.Configuration.Change((Profile + ":Algorithm", "ES256"));
        var fixedUp = new Jwt(issuer.Issue("Access"));
        Assert.Equal(b.Thumbprint, fixedUp.Kid);
        await JsonWebTokenValidation.AssertValidAsync(fixedUp.Token, b.SecurityKey, TestClock.Start);
    }

    [Fact]
    public async Task InvalidReloadBeforeTheFirstTokenKeepsTheStartUpConfiguration()
    {
        // Start-up validated the configuration, but nothing has resolved IJwtIssuer yet (as in an app
        // whose first request has not arrived). A bad edit then must not break the issuer.
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        await using var host = await StartAsync(a, b);

        var reloadError = Record.Exception(() => host.Configuration.Change((Profile + ":Algorithm", "XX")));
        var resolveError = Record.Exception(() => host.Issuer);
        Assert.True(reloadError is null && resolveError is null, $"reload threw: {reloadError?.GetType().Name}: {reloadError?.Message}\nresolving IJwtIssuer threw: {resolveError?.GetType().Name}: {resolveError?.Message}");

        var token = new Jwt(host.Issuer.Issue("Access"));
        Assert.Equal(a.Thumbprint, token.Kid);
        Assert.NotEmpty(host.Logs.TokenIssuerEvents(3));
    }
}
