using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TokenIssuer.AspNetCore.Tests.Infrastructure;

namespace TokenIssuer.AspNetCore.Tests;

/// <summary>
/// The README's two sides, as written: the issuing app sets JwtIssuer:PublicUrl and maps discovery; another service
/// sets <c>o.Authority</c> and <c>o.Audience</c> and nothing of TokenIssuer. Only the backchannel is test plumbing
/// (it reaches the issuing app's TestServer instead of the network).
/// </summary>
public sealed class DownstreamValidationTests
{
    private const string PublicUrl = "https://id.example.com";

    private static Task<IssuerHost> StartIssuer() => IssuerHost.StartAsync(
        IssuerHost.Configuration(
            ("JwtIssuer:PublicUrl", PublicUrl),
            ("JwtIssuer:Keys:es:Pem", GeneratedKeys.Es256Pem()),
            ("JwtIssuer:Profiles:Access:SigningKey", "es"),
            ("JwtIssuer:Profiles:Access:ExpiresIn", "15m"),
            ("JwtIssuer:Profiles:Access:Issuer", PublicUrl),
            ("JwtIssuer:Profiles:Access:Audience", "orders-api"),
            ("JwtIssuer:Profiles:Access:Header:typ", "at+jwt"),
            ("JwtIssuer:Profiles:Other:SigningKey", "es"),
            ("JwtIssuer:Profiles:Other:ExpiresIn", "15m"),
            ("JwtIssuer:Profiles:Other:Issuer", PublicUrl),
            ("JwtIssuer:Profiles:Other:Audience", "billing-api")),
        map: app =>
        {
            app.MapJwks();
            app.MapOpenIdConfiguration();
        });

    /// <summary>Another service: stock AddJwtBearer with what the README tells it to set.</summary>
    private static async Task<WebApplication> StartDownstream(IssuerHost issuer, string? audience)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.Authority = PublicUrl;
            if (audience is not null) o.Audience = audience;
            o.BackchannelHttpHandler = issuer.CreateHandler();
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/orders", () => "orders").RequireAuthorization();
        await app.StartAsync();
        return app;
    }

    private static async Task<HttpStatusCode> Status(WebApplication app, string token)
    {
        using var client = app.GetTestClient();
        using var response = await client.GetWithBearer("/orders", token);
        return response.StatusCode;
    }

    [Fact]
    public async Task AServiceThatSetsAuthorityAndAudienceAcceptsTheProfilesTokensAndNoOthers()
    {
        await using var issuer = await StartIssuer();
        await using var orders = await StartDownstream(issuer, audience: "orders-api");
        var sub = new Dictionary<string, object?> { ["sub"] = "u-42" };

        Assert.Equal(HttpStatusCode.OK, await Status(orders, issuer.Issuer.Issue("Access", sub)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(orders, issuer.Issuer.Issue("Other", sub)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(orders, JwtTampering.FlipCharacter(issuer.Issuer.Issue("Access", sub), 2)));
    }

    [Fact]
    public async Task AuthorityAloneIsNotEnoughDiscoveryCarriesNoAudience()
    {
        await using var issuer = await StartIssuer();
        await using var orders = await StartDownstream(issuer, audience: null);

        Assert.Equal(HttpStatusCode.Unauthorized, await Status(orders, issuer.Issuer.Issue("Access", new Dictionary<string, object?> { ["sub"] = "u-42" })));
    }
}
