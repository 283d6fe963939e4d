using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TokenIssuer.AspNetCore.Tests.Infrastructure;

namespace TokenIssuer.AspNetCore.Tests;

/// <summary>POST /login issues the sample's tokens; GET /me reads the Access token's claims.</summary>
public sealed class LoginAndMeTests : IDisposable
{
    private readonly SampleAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task LoginThenMeReturnsTheAccessTokenClaims()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();

        using var response = await client.GetWithBearer("/me", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var me = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = me.RootElement;
        Assert.Equal("u-42", root.GetProperty("sub").GetString());
        Assert.Equal("Alice Liddell", root.GetProperty("name").GetString());
        Assert.Equal("admin", root.GetProperty("role").GetString());
        Assert.Equal("7f1d5a52-43e3-4c6b-9f0e-2d6b3b8f2a10", root.GetProperty("tenantId").GetString());
        Assert.Equal("profile.read", root.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task LoginExpiresInFollowsTheAccessProfilesLifetimeFromConfiguration()
    {
        using var app = new SampleAppFactory(settings: new Dictionary<string, string?> { ["JwtIssuer:Profiles:Access:ExpiresIn"] = "20m" });
        var tokens = await app.CreateClient().Login();

        Assert.Equal(20 * 60, tokens.ExpiresIn);
        var access = new Jwt(tokens.AccessToken);
        Assert.Equal(access.Exp - access.Iat, tokens.ExpiresIn);
    }

    [Fact]
    public async Task LoginResponseCarriesAnES256AccessTokenAndAnHS256RefreshTokenAsTheProfilesSay()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();
        long now = _app.Time.GetUtcNow().ToUnixTimeSeconds();

        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(900, tokens.ExpiresIn);

        var accessHeader = new Jwt(tokens.AccessToken).HeaderObject;
        Assert.Equal("ES256", (string?)accessHeader["alg"]);
        Assert.Equal("at+jwt", (string?)accessHeader["typ"]);
        Assert.False(string.IsNullOrEmpty((string?)accessHeader["kid"]));
        var access = new Jwt(tokens.AccessToken).PayloadObject;
        Assert.Equal("https://id.sample.local", (string?)access["iss"]);
        Assert.Equal("sample-api", (string?)access["aud"]);
        Assert.Equal(now, (long)access["iat"]!);
        Assert.Equal(now + 15 * 60, (long)access["exp"]!);
        Assert.Equal("u-42", (string?)access["sub"]);
        Assert.Equal("7f1d5a52-43e3-4c6b-9f0e-2d6b3b8f2a10", (string?)access["tenant_id"]);

        Assert.Equal("HS256", (string?)new Jwt(tokens.RefreshToken).HeaderObject["alg"]);
        var refresh = new Jwt(tokens.RefreshToken).PayloadObject;
        Assert.Equal("https://id.sample.local", (string?)refresh["iss"]);
        Assert.Equal("sample-refresh", (string?)refresh["aud"]);
        Assert.Equal("u-42", (string?)refresh["sub"]);
        Assert.False(string.IsNullOrEmpty((string?)refresh["sid"]));
        Assert.Equal(now + 30 * 24 * 3600, (long)refresh["exp"]!);
    }

    [Theory]
    [InlineData("alice", "wrong")]
    [InlineData("alice", "")]
    [InlineData("bob", "wonderland")]
    [InlineData("ALICE", "wonderland")]
    public async Task LoginWithWrongCredentialsIs401(string username, string password)
    {
        var client = _app.CreateClient();
        using var response = await client.PostLogin(username, password);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task MeWithoutATokenIs401WithABearerChallenge()
    {
        var client = _app.CreateClient();
        using var response = await client.GetAsync("/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task ServiceTokenIsRS256ForInventoryApiWithTheCallersSubject()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();
        string service = await client.ServiceToken(tokens.AccessToken);

        Assert.Equal("RS256", (string?)new Jwt(service).HeaderObject["alg"]);
        var payload = new Jwt(service).PayloadObject;
        Assert.Equal("inventory-api", (string?)payload["aud"]);
        Assert.Equal("https://id.sample.local", (string?)payload["iss"]);
        Assert.Equal("u-42", (string?)payload["sub"]);
        Assert.Equal("inventory.read", (string?)payload["scope"]);
        Assert.Equal(5 * 60, (long)payload["exp"]! - (long)payload["iat"]!);
    }

    [Fact]
    public async Task ServiceTokenEndpointRequiresAnAccessToken()
    {
        var client = _app.CreateClient();
        using var anonymous = await client.PostAsync("/service-token", content: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var tokens = await client.Login();
        using var withRefresh = await client.SendWithBearer(HttpMethod.Post, "/service-token", tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, withRefresh.StatusCode);
    }

    [Fact]
    public async Task LoginWithAMalformedBodyIsAClientErrorNotAToken()
    {
        var client = _app.CreateClient();
        using var notJson = await client.PostAsync("/login", new StringContent("{\"username\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);

        // Well-formed JSON without the credentials is simply not a login.
        using var noCredentials = await client.PostAsync("/login", JsonContent.Create(new { user = "alice" }));
        Assert.Equal(HttpStatusCode.Unauthorized, noCredentials.StatusCode);
    }
}
