using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TokenIssuer.AspNetCore.Tests.Infrastructure;

namespace TokenIssuer.AspNetCore.Tests;

/// <summary>
/// Another service, with stock <c>AddJwtBearer</c> and nothing of TokenIssuer, validates the sample's tokens knowing
/// only the sample's address: it reads the discovery document and the JWKS (through the sample's TestServer).
/// </summary>
public sealed class ExternalValidationTests : IAsyncLifetime
{
    // The other service checks lifetimes with the real clock (TokenValidationParameters has no public TimeProvider),
    // so the sample's fake clock is set relative to the real one before each token is issued; it starts an hour back.
    private readonly SampleAppFactory _sample = new(start: RealNow() - TimeSpan.FromHours(1));
    private readonly List<WebApplication> _apps = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        _sample.Dispose();
    }

    /// <summary>A minimal API on TestServer with one protected endpoint that echoes the caller's sub.</summary>
    private async Task<HttpClient> StartResourceApi(string audience)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.Authority = "http://localhost";
            o.RequireHttpsMetadata = false;
            o.BackchannelHttpHandler = _sample.Server.CreateHandler();
            o.TokenValidationParameters.ValidAudience = audience;
            o.MapInboundClaims = false;
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/resource", (HttpContext context) => Results.Text(context.User.FindFirst("sub")?.Value ?? "")).RequireAuthorization();
        _apps.Add(app);
        await app.StartAsync();
        return app.GetTestClient();
    }

    private static DateTimeOffset RealNow() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <summary>Logs in to the sample with its clock set <paramref name="ago"/> before the real time (never backwards).</summary>
    private async Task<SampleClient.Tokens> LoginAt(TimeSpan ago)
    {
        _sample.Time.SetUtcNow(RealNow() - ago);
        return await _sample.CreateClient().Login();
    }

    private Task<SampleClient.Tokens> Login() => LoginAt(TimeSpan.Zero);

    [Fact]
    public async Task AnotherApiValidatesTheAccessTokenFromTheDiscoveryUrlAlone()
    {
        var resource = await StartResourceApi("sample-api");
        var tokens = await Login();

        using var response = await resource.GetWithBearer("/resource", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("u-42", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnotherApiRefusesTamperedTokens()
    {
        var resource = await StartResourceApi("sample-api");
        var tokens = await Login();

        foreach (string tampered in new[]
        {
            JwtTampering.FlipCharacter(tokens.AccessToken, 2),
            JwtTampering.FlipCharacter(tokens.AccessToken, 1),
            JwtTampering.WithPayload(tokens.AccessToken, payload => payload["sub"] = "u-43"),
            JwtTampering.Unsigned(tokens.AccessToken),
        })
        {
            using var response = await resource.GetWithBearer("/resource", tampered);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        // The genuine token still passes: the refusals were the tampering.
        using var genuine = await resource.GetWithBearer("/resource", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task AnotherApiRefusesTheRefreshTokenWhoseKeyIsNotPublished()
    {
        var resource = await StartResourceApi("sample-refresh");
        var tokens = await Login();

        using var response = await resource.GetWithBearer("/resource", tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnotherApiRefusesAnExpiredAccessToken()
    {
        var resource = await StartResourceApi("sample-api");

        // Issued 21 minutes ago: past its 15 minutes plus JwtBearer's default clock skew of 5 minutes.
        var expired = await LoginAt(TimeSpan.FromMinutes(21));
        using (var response = await resource.GetWithBearer("/resource", expired.AccessToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // Issued 14 minutes ago: still valid.
        var live = await LoginAt(TimeSpan.FromMinutes(14));
        using var accepted = await resource.GetWithBearer("/resource", live.AccessToken);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task InventoryApiValidatesAServiceTokenAndRefusesTheAccessToken()
    {
        var inventory = await StartResourceApi("inventory-api");
        var sample = _sample.CreateClient();
        var tokens = await Login();
        string service = await sample.ServiceToken(tokens.AccessToken);

        using var accepted = await inventory.GetWithBearer("/resource", service);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("u-42", await accepted.Content.ReadAsStringAsync());

        using var wrongAudience = await inventory.GetWithBearer("/resource", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAudience.StatusCode);
    }

    [Fact]
    public async Task SampleApiRefusesAServiceTokenThatInventoryApiAccepts()
    {
        var sampleAudience = await StartResourceApi("sample-api");
        var sample = _sample.CreateClient();
        var tokens = await Login();
        string service = await sample.ServiceToken(tokens.AccessToken);

        using var response = await sampleAudience.GetWithBearer("/resource", service);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
