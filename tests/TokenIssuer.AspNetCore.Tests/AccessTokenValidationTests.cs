using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TokenIssuer.AspNetCore.Tests.Infrastructure;

namespace TokenIssuer.AspNetCore.Tests;

/// <summary>
/// Validation from an RFC 9068 profile (real JwtBearer): typ at+jwt, and every claim RFC 9068 §2.2 requires. Tokens
/// signed with the same key, issuer, audience and typ by profiles that leave client_id or jti out are rejected.
/// </summary>
public sealed class AccessTokenValidationTests
{
    private static Dictionary<string, string?> Settings()
    {
        var settings = IssuerHost.Configuration(("JwtIssuer:Keys:shared:SecretBase64", GeneratedKeys.Hs256SecretBase64()));
        foreach (string profile in new[] { "Access", "NoClientId", "NoJti" })
        {
            string p = $"JwtIssuer:Profiles:{profile}";
            settings[p + ":SigningKey"] = "shared";
            settings[p + ":ExpiresIn"] = "15m";
            settings[p + ":Issuer"] = "https://id.example.com";
            settings[p + ":Audience"] = "orders-api";
            settings[p + ":Parameters:sub"] = "string";
        }
        settings["JwtIssuer:Profiles:Access:Rfc9068"] = "true";
        settings["JwtIssuer:Profiles:Access:GenerateJwtId"] = "true";
        settings["JwtIssuer:Profiles:Access:Claims:client_id"] = "orders-spa";
        // Look-alikes: the same key, issuer, audience and typ, each without one of the claims.
        settings["JwtIssuer:Profiles:NoClientId:Header:typ"] = "at+jwt";
        settings["JwtIssuer:Profiles:NoClientId:GenerateJwtId"] = "true";
        settings["JwtIssuer:Profiles:NoJti:Header:typ"] = "at+jwt";
        settings["JwtIssuer:Profiles:NoJti:Claims:client_id"] = "orders-spa";
        return settings;
    }

    private static Task<IssuerHost> StartAsync() => IssuerHost.StartAsync(Settings(),
        configure: builder =>
        {
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer().ValidateTokensFromProfile("Access");
            builder.Services.AddAuthorization();
        },
        map: app => app.MapGet("/me", (HttpContext context) => context.User.FindFirst("client_id")?.Value).RequireAuthorization());

    private static async Task<HttpStatusCode> Status(IssuerHost host, string token)
    {
        using var response = await host.Client.GetWithBearer("/me", token);
        return response.StatusCode;
    }

    private static readonly Dictionary<string, object?> Sub = new() { ["sub"] = "u-42" };

    [Fact]
    public async Task AnAccessTokenOfTheProfileIsAccepted()
    {
        await using var host = await StartAsync();
        string token = host.Issuer.Issue("Access", Sub);
        Assert.Equal("at+jwt", (string?)new Jwt(token).HeaderObject["typ"]);

        using var response = await host.Client.GetWithBearer("/me", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("orders-spa", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ATokenWithoutClientIdIsRejectedThoughSignedByTheSameKey()
    {
        await using var host = await StartAsync();
        string token = host.Issuer.Issue("NoClientId", Sub);
        Assert.False(new Jwt(token).Has("client_id"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(host, token));
    }

    [Fact]
    public async Task ATokenWithoutJtiIsRejectedThoughSignedByTheSameKey()
    {
        await using var host = await StartAsync();
        string token = host.Issuer.Issue("NoJti", Sub);
        Assert.False(new Jwt(token).Has("jti"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(host, token));
    }

    [Fact]
    public async Task TheSchemePinsTypAtJwt()
    {
        await using var host = await StartAsync();
        var options = host.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        Assert.Equal(new[] { "at+jwt" }, options.TokenValidationParameters.ValidTypes);
    }
}
