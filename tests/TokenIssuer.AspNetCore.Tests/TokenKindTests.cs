using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TokenIssuer.AspNetCore.Tests.Infrastructure;

namespace TokenIssuer.AspNetCore.Tests;

/// <summary>
/// Two profiles on one key, issuer and audience (RFC 8725 §3.11–3.12): validation from a profile pins its typ, so
/// a 30-day refresh token is not an access token; profiles whose tokens would still pass for each other are warned of.
/// </summary>
public sealed class TokenKindTests
{
    private const string RefreshScheme = "Refresh";

    private static Dictionary<string, string?> SharedKeyProfiles(string? accessType, string? refreshType)
    {
        var settings = IssuerHost.Configuration(("JwtIssuer:Keys:shared:SecretBase64", GeneratedKeys.Hs256SecretBase64()));
        // The long-lived profile is not named "Refresh": the sample's [JwtProfile("Refresh")], registered process-wide once the
        // sample is loaded, would join it and declare its record's claims (sub, sid), which these tokens do not carry.
        foreach (var (profile, lifetime, type) in new[] { ("Access", "15m", accessType), ("Session", "30d", refreshType) })
        {
            settings[$"JwtIssuer:Profiles:{profile}:SigningKey"] = "shared";
            settings[$"JwtIssuer:Profiles:{profile}:ExpiresIn"] = lifetime;
            settings[$"JwtIssuer:Profiles:{profile}:Issuer"] = "https://id.example.com";
            settings[$"JwtIssuer:Profiles:{profile}:Audience"] = "orders-api";
            settings[$"JwtIssuer:Profiles:{profile}:Parameters:sub"] = "string";
            if (type is not null) settings[$"JwtIssuer:Profiles:{profile}:Header:typ"] = type;
        }
        return settings;
    }

    private static Task<IssuerHost> StartTwoSchemes(Dictionary<string, string?> settings) => IssuerHost.StartAsync(settings,
        configure: builder =>
        {
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer().ValidateTokensFromProfile("Access")
                .AddJwtBearer(RefreshScheme).ValidateTokensFromProfile("Session", RefreshScheme);
            builder.Services.AddAuthorization();
        },
        map: app =>
        {
            app.MapGet("/access", () => "access").RequireAuthorization();
            app.MapGet("/refresh", () => "refresh").RequireAuthorization(p => p.AddAuthenticationSchemes(RefreshScheme).RequireAuthenticatedUser());
        });

    private static async Task<HttpStatusCode> Status(IssuerHost host, string path, string token)
    {
        using var response = await host.Client.GetWithBearer(path, token);
        return response.StatusCode;
    }

    [Fact]
    public async Task ARefreshTokenIsRefusedByTheAccessSchemeWhenTheProfilesShareKeyIssuerAndAudienceButNotTyp()
    {
        await using var host = await StartTwoSchemes(SharedKeyProfiles(accessType: "at+jwt", refreshType: null));
        var sub = new Dictionary<string, object?> { ["sub"] = "u-42" };
        string access = host.Issuer.Issue("Access", sub);
        string refresh = host.Issuer.Issue("Session", sub);
        Assert.Equal("at+jwt", (string?)new Jwt(access).HeaderObject["typ"]);
        Assert.Equal("JWT", (string?)new Jwt(refresh).HeaderObject["typ"]);

        Assert.Equal(HttpStatusCode.OK, await Status(host, "/access", access));
        Assert.Equal(HttpStatusCode.OK, await Status(host, "/refresh", refresh));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(host, "/access", refresh));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(host, "/refresh", access));
    }

    [Fact]
    public async Task ProfilesWhoseTokensPassForEachOtherAreWarnedOfNamingBothAndTheOptionThatTellsThemApart()
    {
        await using var host = await StartTwoSchemes(SharedKeyProfiles(accessType: null, refreshType: null));

        string warning = Assert.Single(host.Logs.Warnings, m => m.Contains("can stand in for each other", StringComparison.Ordinal));
        Assert.StartsWith("TokenIssuer profiles Access and Session issue tokens that can stand in for each other", warning);
        Assert.Contains("typ \"JWT\"", warning);
        Assert.Contains("set JwtIssuer:Profiles:Session:Header:typ", warning);
        Assert.Contains("JwtIssuer:Profiles:Session:Audience", warning);

        // What the warning is about: the refresh token passes as an access token.
        string refresh = host.Issuer.Issue("Session", new Dictionary<string, object?> { ["sub"] = "u-42" });
        Assert.Equal(HttpStatusCode.OK, await Status(host, "/access", refresh));
    }

    [Fact]
    public async Task ProfilesToldApartByTypGetNoWarning()
    {
        await using var host = await StartTwoSchemes(SharedKeyProfiles(accessType: "at+jwt", refreshType: null));

        Assert.DoesNotContain(host.Logs.Warnings, m => m.Contains("can stand in for each other", StringComparison.Ordinal));
    }
}
