using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.IntegrationTests.Binding;

/// <summary>Profiles and keys written in code (AddProfile, AddKey, AddJwtIssuer(options => …)), and AddJwtIssuer's idempotence.</summary>
public sealed class CodeProfileTests
{
    [Fact]
    public async Task CodeProfilesAndKeysIssueValidTokens()
    {
        var builder = TestHosts.Builder();
        builder.Services
            .AddJwtIssuer(options => options.Keys["Rsa"] = new JwtKeyOptions { Pem = KeyFiles.Pem(KeyFiles.Rsa3072), KeyId = "rsa-2025" })
            .AddKey("Hmac", key => key.SecretBase64 = TestKeys.Secret64Base64)
            .AddProfile("Api", profile =>
            {
                profile.Algorithm = "RS384";
                profile.SigningKey = "Rsa";
                profile.ExpiresIn = "5m";
                profile.Issuer = "https://code.test";
                profile.Audience.Add("api");
                profile.Claims["role"] = "service";
                profile.Header["typ"] = "at+jwt";
            })
            .AddProfile("Internal", profile =>
            {
                profile.Algorithm = "HS384";
                profile.SigningKey = "Hmac";
                profile.ExpiresIn = "90";
            });
        await using var host = await TestHosts.StartAsync(builder);

        var api = new Jwt(host.Issuer.Issue("Api", new Dictionary<string, object?> { ["sub"] = "user-1" }));
        Assert.Equal("RS384", api.Alg);
        Assert.Equal("rsa-2025", api.Kid);
        Assert.Equal("at+jwt", api.Header.GetProperty("typ").GetString());
        Assert.Equal("service", api.String("role"));
        Assert.Equal("user-1", api.String("sub"));
        Assert.Equal(TestClock.StartIat + 300, api.Exp);
        await JsonWebTokenValidation.AssertValidAsync(api.Token, KeyFiles.PublicSecurityKey(KeyFiles.Rsa3072), TestClock.Start, "https://code.test", "api");

        var internalToken = new Jwt(host.Issuer.Issue("Internal"));
        Assert.Equal("HS384", internalToken.Alg);
        Assert.Equal(TestClock.StartIat + 90, internalToken.Exp); // unit-less: seconds
        await JsonWebTokenValidation.AssertValidAsync(internalToken.Token, new SymmetricSecurityKey(TestKeys.Secret64), TestClock.Start);
    }

    [Fact]
    public async Task AddProfileRunsAfterConfigurationAndChangesTheConfiguredProfile()
    {
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
            ["JwtIssuer:Profiles:Access:SigningKey"] = "Main",
            ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
            ["JwtIssuer:Profiles:Access:Issuer"] = "https://config.test",
        });
        builder.Services.AddJwtIssuer().AddProfile("access", profile => profile.ExpiresIn = "5m");
        await using var host = await TestHosts.StartAsync(builder);

        Assert.Equal(new[] { "Access" }, host.Issuer.Profiles);
        var token = new Jwt(host.Issuer.Issue("Access"));
        Assert.Equal(TestClock.StartIat + 300, token.Exp);
        Assert.Equal("https://config.test", token.String("iss"));
    }

    [Fact]
    public async Task AddJwtIssuerCalledSeveralTimesRegistersOneIssuer()
    {
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
            ["JwtIssuer:Profiles:Access:SigningKey"] = "Main",
            ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
        });
        builder.Services.AddJwtIssuer();
        builder.Services.AddJwtIssuer();
        builder.Services.AddJwtIssuer().AddProfile("Second", profile => profile.SigningKey = "Main");
        await using var host = await TestHosts.StartAsync(builder);

        Assert.Single(host.Services.GetServices<IJwtIssuer>());
        Assert.Single(host.Services.GetServices<IValidateOptions<JwtIssuerOptions>>());
        Assert.Same(host.Issuer, host.Runtime);
        Assert.Equal(new[] { "Access", "Second" }, host.Issuer.Profiles.Order());
        var token = new Jwt(host.Issuer.Issue("Access"));
        Assert.Equal(TestClock.StartIat + 900, token.Exp);
        await JsonWebTokenValidation.AssertValidAsync(token.Token, new SymmetricSecurityKey(TestKeys.Secret64), TestClock.Start);
    }

    [Fact]
    public async Task AddJwtIssuerCalledTwiceReportsAConfigurationMistakeOnce()
    {
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
            ["JwtIssuer:Profiles:Access:SigningKey"] = "Main",
            ["JwtIssuer:Profiles:Access:ExpiresIm"] = "15m",
        });
        builder.Services.AddJwtIssuer();
        builder.Services.AddJwtIssuer();

        var error = await TestHosts.StartFailsAsync(builder);
        Assert.Single(error.Failures, f => f.Contains("ExpiresIm", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutAHostCodeOptionsWorkAndPemFileIsRelativeToTheAppDirectory()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(TestClock.Create());
        services.AddJwtIssuer(options =>
        {
            options.Keys["File"] = new JwtKeyOptions { PemFile = Path.Combine(KeyFiles.RelativeDirectory, KeyFiles.EcP521) };
            options.Profiles["Plain"] = new JwtProfileOptions { SigningKey = "File", ExpiresIn = "1m" };
        });
        using var provider = services.BuildServiceProvider();

        var token = new Jwt(provider.GetRequiredService<IJwtIssuer>().Issue("Plain"));
        Assert.Equal("ES512", token.Alg);
        Assert.Equal(KeyFiles.Thumbprint(KeyFiles.EcP521), token.Kid);
        Assert.Equal(TestClock.StartIat + 60, token.Exp);
    }
}
