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
        var builder = Hosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:A:Pem"] = a.PrivatePem,
            ["JwtIssuer:Keys:B:Pem"] = b.PrivatePem,
            [Profile + ":Algorithm"] = "ES256",
            [Profile + ":SigningKey"] = "A",
            [Profile + ":ExpiresIn"] = "15m",
        });
        builder.Services.AddJwtIssuer();
        return await Hosts.StartAsync(builder);
    }

    [Fact]
    public async Task Reload_SwappingTheSigningKey_NewTokensCarryTheNewKidAndVerifyWithTheNewKey()
    {
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        await using var host = await StartAsync(a, b);
        var issuer = host.Issuer;

        var before = new Jwt(issuer.Issue("Access"));
        Assert.Equal(a.Thumbprint, before.Kid);
        await Jwt.AssertValidAsync(before.Token, a.SecurityKey, Hosts.Start);

        host.Reload((Profile + ":SigningKey", "B"));

        var after = new Jwt(issuer.Issue("Access"));
        Assert.Equal(b.Thumbprint, after.Kid);
        await Jwt.AssertValidAsync(after.Token, b.SecurityKey, Hosts.Start);
        Assert.False((await Jwt.ValidateAsync(after.Token, a.SecurityKey, Hosts.Start)).IsValid);
        // Tokens issued before the swap still verify with the old key.
        await Jwt.AssertValidAsync(before.Token, a.SecurityKey, Hosts.Start);

        var rotated = Assert.Single(host.LogsWithId(2));
        Assert.Equal(LogLevel.Information, rotated.Level);
        Assert.Contains("profile Access now signs with key B", rotated.Message, StringComparison.Ordinal);
        Assert.Contains(b.Thumbprint, rotated.Message, StringComparison.Ordinal);
        Assert.Empty(host.LogsWithId(3));
    }

    [Fact]
    public async Task Reload_ReplacingTheKeyMaterialUnderTheSameName_ChangesTheKid()
    {
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        var c = TestKeys.NewEc();
        await using var host = await StartAsync(a, b);

        host.Reload(("JwtIssuer:Keys:A:Pem", c.PrivatePem));

        var token = new Jwt(host.Issuer.Issue("Access"));
        Assert.Equal(c.Thumbprint, token.Kid);
        Assert.True(token.VerifiesWith(c.PublicKey));
    }

    [Fact]
    public async Task Reload_AddsAndRemovesProfiles()
    {
        await using var host = await StartAsync(TestKeys.NewEc(), TestKeys.NewEc());

        host.Reload(("JwtIssuer:Profiles:Added:SigningKey", "B"), ("JwtIssuer:Profiles:Added:ExpiresIn", "1m"));
        Assert.Equal(new[] { "Access", "Added" }, host.Issuer.Profiles.Order());
        Assert.Equal(Hosts.StartIat + 60, new Jwt(host.Issuer.Issue("Added")).Exp);

        host.Reload(("JwtIssuer:Profiles:Added:SigningKey", null), ("JwtIssuer:Profiles:Added:ExpiresIn", null));
        Assert.Equal(new[] { "Access" }, host.Issuer.Profiles);
        var error = Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Added"));
        Assert.Contains("The profiles are: Access.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_OfACustomSection_IsFollowed()
    {
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        var builder = Hosts.Builder(new Dictionary<string, string?>
        {
            ["Auth:Tokens:Keys:A:Pem"] = a.PrivatePem,
            ["Auth:Tokens:Keys:B:Pem"] = b.PrivatePem,
            ["Auth:Tokens:Profiles:Access:SigningKey"] = "A",
        });
        builder.Services.AddJwtIssuer(builder.Configuration.GetSection("Auth:Tokens"));
        await using var host = await Hosts.StartAsync(builder);
        Assert.Equal(a.Thumbprint, new Jwt(host.Issuer.Issue("Access")).Kid);

        host.Reload(("Auth:Tokens:Profiles:Access:SigningKey", "B"));

        Assert.Equal(b.Thumbprint, new Jwt(host.Issuer.Issue("Access")).Kid);
    }

    [Fact]
    public async Task InvalidReload_KeepsThePreviousPlans_AndLogsAnError()
    {
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        await using var host = await StartAsync(a, b);
        var issuer = host.Issuer;
        Assert.Equal(a.Thumbprint, new Jwt(issuer.Issue("Access")).Kid);

        host.Reload((Profile + ":Algorithm", "XX"), (Profile + ":SigningKey", "B"));

        var rejected = Assert.Single(host.LogsWithId(3));
        Assert.Equal(LogLevel.Error, rejected.Level);
        Assert.Contains("JwtIssuer:Profiles:Access:Algorithm: \"XX\" is not an algorithm", rejected.Message, StringComparison.Ordinal);
        Assert.Empty(host.LogsWithId(2));

        // Still the start-up plan: ES256 with key A.
        Assert.Equal(new[] { "Access" }, issuer.Profiles);
        var during = new Jwt(issuer.Issue("Access"));
        Assert.Equal("ES256", during.Alg);
        Assert.Equal(a.Thumbprint, during.Kid);
        await Jwt.AssertValidAsync(during.Token, a.SecurityKey, Hosts.Start);

        // A later valid reload is applied.
        host.Reload((Profile + ":Algorithm", "ES256"));
        var fixedUp = new Jwt(issuer.Issue("Access"));
        Assert.Equal(b.Thumbprint, fixedUp.Kid);
        await Jwt.AssertValidAsync(fixedUp.Token, b.SecurityKey, Hosts.Start);
    }

    [Fact]
    public async Task InvalidReload_BeforeTheFirstToken_KeepsTheStartUpConfiguration()
    {
        // Start-up validated the configuration, but nothing has resolved IJwtIssuer yet (as in an app
        // whose first request has not arrived). A bad edit then must not break the issuer.
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        await using var host = await StartAsync(a, b);

        var reloadError = Record.Exception(() => host.Reload((Profile + ":Algorithm", "XX")));
        var resolveError = Record.Exception(() => host.Issuer);
        Assert.True(reloadError is null && resolveError is null, $"reload threw: {reloadError?.GetType().Name}: {reloadError?.Message}\nresolving IJwtIssuer threw: {resolveError?.GetType().Name}: {resolveError?.Message}");

        var token = new Jwt(host.Issuer.Issue("Access"));
        Assert.Equal(a.Thumbprint, token.Kid);
        Assert.NotEmpty(host.LogsWithId(3));
    }
}
