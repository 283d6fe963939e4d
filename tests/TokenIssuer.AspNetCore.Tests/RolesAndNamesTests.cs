using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TokenIssuer.AspNetCore.Tests.Infrastructure;

namespace TokenIssuer.AspNetCore.Tests;

/// <summary>ValidateTokensFromProfile keeps JWT claim names: RequireRole on role, Identity.Name from name or sub; a misspelt profile stops start-up.</summary>
public sealed class RolesAndNamesTests
{
    private static Dictionary<string, string?> AccessProfile() => IssuerHost.Configuration(
        ("JwtIssuer:Keys:es:Pem", GeneratedKeys.Es256Pem()),
        ("JwtIssuer:Profiles:Access:SigningKey", "es"),
        ("JwtIssuer:Profiles:Access:ExpiresIn", "15m"),
        ("JwtIssuer:Profiles:Access:Issuer", "https://id.example.com"),
        ("JwtIssuer:Profiles:Access:Audience", "orders-api"));

    private static Task<IssuerHost> Start(string profile = "Access", Action<JwtBearerOptions>? bearer = null) => IssuerHost.StartAsync(AccessProfile(),
        configure: builder =>
        {
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer(o => bearer?.Invoke(o)).ValidateTokensFromProfile(profile);
            builder.Services.AddAuthorization();
        },
        map: app =>
        {
            app.MapGet("/admin", () => "admin").RequireAuthorization(p => p.RequireRole("admin"));
            app.MapGet("/name", (HttpContext context) => context.User.Identity?.Name ?? "(null)").RequireAuthorization();
        });

    private static string Token(IssuerHost host, params (string Claim, object? Value)[] claims)
        => host.Issuer.Issue("Access", claims.ToDictionary(c => c.Claim, c => c.Value));

    [Fact]
    public async Task RequireRoleIsMetByTheTokensRoleClaim()
    {
        await using var host = await Start();

        using var admin = await host.Client.GetWithBearer("/admin", Token(host, ("sub", "u-42"), ("role", "admin")));
        using var user = await host.Client.GetWithBearer("/admin", Token(host, ("sub", "u-43"), ("role", "user")));

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
    }

    [Fact]
    public async Task IdentityNameIsTheNameClaimOrElseSub()
    {
        await using var host = await Start();

        using var named = await host.Client.GetWithBearer("/name", Token(host, ("sub", "u-42"), ("name", "Alice Liddell")));
        using var unnamed = await host.Client.GetWithBearer("/name", Token(host, ("sub", "service-7")));

        Assert.Equal("Alice Liddell", await named.Content.ReadAsStringAsync());
        Assert.Equal("service-7", await unnamed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ClaimTypesTheAppSetsAreKept()
    {
        await using var host = await Start(bearer: o =>
        {
            o.TokenValidationParameters.RoleClaimType = "roles";
            o.TokenValidationParameters.NameClaimType = "sub";
        });

        using var byRoles = await host.Client.GetWithBearer("/admin", Token(host, ("sub", "u-42"), ("roles", new[] { "admin" })));
        using var byRole = await host.Client.GetWithBearer("/admin", Token(host, ("sub", "u-42"), ("role", "admin")));
        using var name = await host.Client.GetWithBearer("/name", Token(host, ("sub", "u-42"), ("name", "Alice Liddell")));

        Assert.Equal(HttpStatusCode.OK, byRoles.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byRole.StatusCode);
        Assert.Equal("u-42", await name.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMisspeltProfileStopsStartUpWithDidYouMean()
    {
        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => Start(profile: "Acess"));

        Assert.Equal("JwtBearer scheme \"Bearer\": ValidateTokensFromProfile(\"Acess\") names no profile. The profiles are: Access. Did you mean \"Access\"?", error.Message);
    }

    [Fact]
    public async Task ValidateTokensFromProfileWithoutAddJwtIssuerStopsStartUpSayingSo()
    {
        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => IssuerHost.StartAsync(AccessProfile(), addJwtIssuer: false,
            configure: builder => builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer().ValidateTokensFromProfile("Access")));

        Assert.Equal("JwtBearer scheme \"Bearer\": ValidateTokensFromProfile(\"Access\") needs TokenIssuer's profiles, but TokenIssuer is not registered. Call builder.Services.AddJwtIssuer().", error.Message);
    }
}
