using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.IntegrationTests.Binding;

/// <summary>Profiles and keys written in code (AddProfile, AddKey, AddJwtIssuer(options => …)), and AddJwtIssuer's idempotence.</summary>
public sealed class CodeProfileTests
{
    [Fact]
    public async Task CodeProfilesAndKeys_IssueValidTokens()
    {
        var builder = Hosts.Builder();
        builder.Services
            .AddJwtIssuer(options => options.Keys["Rsa"] = new JwtKeyOptions { Pem = TestKeys.Pem(TestKeys.Rsa3072), KeyId = "rsa-2025" })
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
        await using var host = await Hosts.StartAsync(builder);

        var api = new Jwt(host.Issuer.Issue("Api", new Dictionary<string, object?> { ["sub"] = "user-1" }));
        Assert.Equal("RS384", api.Alg);
        Assert.Equal("rsa-2025", api.Kid);
        Assert.Equal("at+jwt", api.Header.GetProperty("typ").GetString());
        Assert.Equal("service", api.String("role"));
        Assert.Equal("user-1", api.String("sub"));
        Assert.Equal(Hosts.StartIat + 300, api.Exp);
        await Jwt.AssertValidAsync(api.Token, TestKeys.PublicSecurityKey(TestKeys.Rsa3072), Hosts.Start, "https://code.test", "api");

        var internalToken = new Jwt(host.Issuer.Issue("Internal"));
        Assert.Equal("HS384", internalToken.Alg);
        Assert.Equal(Hosts.StartIat + 90, internalToken.Exp); // unit-less: seconds
        await Jwt.AssertValidAsync(internalToken.Token, new SymmetricSecurityKey(TestKeys.Secret64), Hosts.Start);
    }

    [Fact]
    public async Task AddProfile_RunsAfterConfiguration_AndChangesTheConfiguredProfile()
    {
        var builder = Hosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
            ["JwtIssuer:Profiles:Access:SigningKey"] = "Main",
            ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
            ["JwtIssuer:Profiles:Access:Issuer"] = "https://config.test",
        });
        builder.Services.AddJwtIssuer().AddProfile("access", profile => profile.ExpiresIn = "5m");
        await using var host = await Hosts.StartAsync(builder);

        Assert.Equal(new[] { "Access" }, host.Issuer.Profiles);
        var token = new Jwt(host.Issuer.Issue("Access"));
        Assert.Equal(Hosts.StartIat + 300, token.Exp);
        Assert.Equal("https://config.test", token.String("iss"));
    }

    [Fact]
    public async Task AddJwtIssuer_CalledSeveralTimes_RegistersOneIssuer()
    {
        var builder = Hosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
            ["JwtIssuer:Profiles:Access:SigningKey"] = "Main",
            ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
        });
        builder.Services.AddJwtIssuer();
        builder.Services.AddJwtIssuer();
        builder.Services.AddJwtIssuer().AddProfile("Second", profile => profile.SigningKey = "Main");
        await using var host = await Hosts.StartAsync(builder);

        Assert.Single(host.Services.GetServices<IJwtIssuer>());
        Assert.Single(host.Services.GetServices<IValidateOptions<JwtIssuerOptions>>());
        Assert.Same(host.Issuer, host.Runtime);
        Assert.Equal(new[] { "Access", "Second" }, host.Issuer.Profiles.Order());
        var token = new Jwt(host.Issuer.Issue("Access"));
        Assert.Equal(Hosts.StartIat + 900, token.Exp);
        await Jwt.AssertValidAsync(token.Token, new SymmetricSecurityKey(TestKeys.Secret64), Hosts.Start);
    }

    [Fact]
    public async Task AddJwtIssuer_CalledTwice_ReportsAConfigurationMistakeOnce()
    {
        var builder = Hosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
            ["JwtIssuer:Profiles:Access:SigningKey"] = "Main",
            ["JwtIssuer:Profiles:Access:ExpiresIm"] = "15m",
        });
        builder.Services.AddJwtIssuer();
        builder.Services.AddJwtIssuer();

        var error = await Hosts.StartFailsAsync(builder);
        Assert.Single(error.Failures, f => f.Contains("ExpiresIm", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutAHost_CodeOptionsWork_AndPemFileIsRelativeToTheAppDirectory()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Hosts.Clock());
        services.AddJwtIssuer(options =>
        {
            options.Keys["File"] = new JwtKeyOptions { PemFile = Path.Combine("TestData", "Keys", TestKeys.EcP521) };
            options.Profiles["Plain"] = new JwtProfileOptions { SigningKey = "File", ExpiresIn = "1m" };
        });
        using var provider = services.BuildServiceProvider();

        var token = new Jwt(provider.GetRequiredService<IJwtIssuer>().Issue("Plain"));
        Assert.Equal("ES512", token.Alg);
        Assert.Equal(TestKeys.Thumbprint(TestKeys.EcP521), token.Kid);
        Assert.Equal(Hosts.StartIat + 60, token.Exp);
    }
}
