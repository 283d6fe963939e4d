using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TokenIssuer.AspNetCore.Tests.Infrastructure;

namespace TokenIssuer.AspNetCore.Tests;

/// <summary>What <c>ValidateTokensFromProfile</c> refuses: tampering, expiry, wrong audience/issuer/profile.</summary>
public sealed class TokenValidationTests : IDisposable
{
    private readonly SampleAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ATokenWithAChangedSignatureCharacterIs401()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(tokens.AccessToken));

        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(JwtTampering.FlipCharacter(tokens.AccessToken, 2)));
    }

    [Fact]
    public async Task ATokenWithAChangedPayloadCharacterIs401()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();

        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(JwtTampering.FlipCharacter(tokens.AccessToken, 1)));
    }

    [Fact]
    public async Task ATokenWhoseClaimsWereRewrittenUnderTheOriginalSignatureIs401()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();
        string forged = JwtTampering.WithPayload(tokens.AccessToken, payload => payload["role"] = "superuser");

        Assert.Equal("superuser", (string?)new Jwt(forged).PayloadObject["role"]);
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(forged));
    }

    [Fact]
    public async Task ATokenWithAChangedHeaderCharacterIs401()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();

        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(JwtTampering.FlipCharacter(tokens.AccessToken, 0)));
    }

    [Fact]
    public async Task AnUnsignedAlgNoneCopyOfAValidTokenIs401()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();

        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(JwtTampering.Unsigned(tokens.AccessToken)));
    }

    [Fact]
    public async Task AccessTokenIsAccepted14MinutesLaterAndRefused16MinutesLater()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();

        _app.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(tokens.AccessToken));

        _app.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(tokens.AccessToken));
    }

    [Fact]
    public async Task ExpiryAllowsTheDefault30SecondClockSkewAndNoMore()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();

        _app.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(29));
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(tokens.AccessToken));

        _app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(tokens.AccessToken));
    }

    [Fact]
    public async Task ATokenBeforeItsNotBeforeTimeBeyondTheSkewIs401()
    {
        // The Access profile with NotBefore: nbf = iat + 2 minutes.
        using var app = new SampleAppFactory(settings: new Dictionary<string, string?> { ["JwtIssuer:Profiles:Access:NotBefore"] = "2m" });
        var client = app.CreateClient();
        var tokens = await client.Login();
        var payload = new Jwt(tokens.AccessToken).PayloadObject;
        Assert.Equal(120, (long)payload["nbf"]! - (long)payload["iat"]!);

        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(tokens.AccessToken));
        app.Time.Advance(TimeSpan.FromSeconds(89)); // nbf - 31 s
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(tokens.AccessToken));
        app.Time.Advance(TimeSpan.FromSeconds(1)); // nbf - 30 s: within the skew
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(tokens.AccessToken));
    }

    [Fact]
    public async Task AServiceTokenForInventoryApiIsRefusedByMe()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();
        string service = await client.ServiceToken(tokens.AccessToken);

        Assert.Equal("inventory-api", (string?)new Jwt(service).PayloadObject["aud"]);
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(service));
    }

    [Fact]
    public async Task ATokenSignedWithTheRightKeyForAnotherAudienceIs401()
    {
        // A second instance sharing the development keys, whose Access profile names another audience:
        // same key and kid, only aud differs.
        using var other = new SampleAppFactory(keysDirectory: _app.KeysDirectory,
            settings: new Dictionary<string, string?> { ["JwtIssuer:Profiles:Access:Audience:0"] = "other-api" });
        var client = _app.CreateClient();
        var mine = await client.Login();
        var theirs = await other.CreateClient().Login();

        Assert.Equal(new Jwt(mine.AccessToken).Kid, new Jwt(theirs.AccessToken).Kid);
        Assert.Equal("other-api", (string?)new Jwt(theirs.AccessToken).PayloadObject["aud"]);
        Assert.Equal(HttpStatusCode.OK, await other.CreateClient().MeStatus(theirs.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(theirs.AccessToken));
    }

    [Fact]
    public async Task ATokenSignedWithTheRightKeyByAnotherIssuerIs401()
    {
        using var other = new SampleAppFactory(keysDirectory: _app.KeysDirectory,
            settings: new Dictionary<string, string?> { ["JwtIssuer:Profiles:Access:Issuer"] = "https://evil.example" });
        var client = _app.CreateClient();
        var mine = await client.Login();
        var theirs = await other.CreateClient().Login();

        Assert.Equal(new Jwt(mine.AccessToken).Kid, new Jwt(theirs.AccessToken).Kid);
        Assert.Equal("https://evil.example", (string?)new Jwt(theirs.AccessToken).PayloadObject["iss"]);
        Assert.Equal(HttpStatusCode.OK, await other.CreateClient().MeStatus(theirs.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(theirs.AccessToken));
    }

    [Fact]
    public async Task ATokenOfAnotherProfileSignedWithTheAccessKeyIsRefusedForItsIssuer()
    {
        // A profile added in code that signs with the Access profile's key but announces another issuer.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string pem = key.ExportPkcs8PrivateKeyPem();
        using var app = new SampleAppFactory(
            settings: new Dictionary<string, string?>
            {
                ["JwtIssuer:Keys:shared:Pem"] = pem,
                ["JwtIssuer:Profiles:Access:SigningKey"] = "shared",
            },
            configureServices: services => services.AddJwtIssuer().AddProfile("Forged", profile =>
            {
                profile.Algorithm = "ES256";
                profile.SigningKey = "shared";
                profile.ExpiresIn = "15m";
                profile.Issuer = "https://evil.example";
                profile.Audience.Add("sample-api");
            }));
        var client = app.CreateClient();
        var tokens = await client.Login();
        var issuer = app.Services.GetRequiredService<IJwtIssuer>();
        string forged = issuer.Issue("Forged", new Dictionary<string, object?>
        {
            ["sub"] = "u-42", ["name"] = "Alice Liddell", ["role"] = "admin", ["scope"] = "profile.read",
        });

        Assert.Equal(new Jwt(tokens.AccessToken).Kid, new Jwt(forged).Kid);
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(tokens.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(forged));
    }

    [Fact]
    public async Task ARefreshTokenIsNotAnAccessToken()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();

        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(tokens.RefreshToken));
    }

    [Fact]
    public async Task AnAccessTokenIsNotARefreshToken()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();

        using var response = await client.SendWithBearer(HttpMethod.Post, "/refresh", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RefreshWithTheRefreshTokenReturnsNewWorkingTokens()
    {
        var client = _app.CreateClient();
        var first = await client.Login();
        _app.Time.Advance(TimeSpan.FromMinutes(20)); // the first access token has expired; the refresh token has not

        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(first.AccessToken));
        using var response = await client.SendWithBearer(HttpMethod.Post, "/refresh", first.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var second = await SampleClient.ReadTokens(response);

        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal("u-42", (string?)new Jwt(second.AccessToken).PayloadObject["sub"]);
        Assert.Equal(_app.Time.GetUtcNow().ToUnixTimeSeconds() + 900, (long)new Jwt(second.AccessToken).PayloadObject["exp"]!);
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(second.AccessToken));
    }

    [Fact]
    public async Task AnExpiredRefreshTokenIs401OnRefresh()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();

        _app.Time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        using var response = await client.SendWithBearer(HttpMethod.Post, "/refresh", tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ATamperedRefreshTokenIs401OnRefresh()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();

        using var signature = await client.SendWithBearer(HttpMethod.Post, "/refresh", JwtTampering.FlipCharacter(tokens.RefreshToken, 2));
        Assert.Equal(HttpStatusCode.Unauthorized, signature.StatusCode);
        string otherSubject = JwtTampering.WithPayload(tokens.RefreshToken, (JsonObject payload) => payload["sub"] = "u-43");
        using var claims = await client.SendWithBearer(HttpMethod.Post, "/refresh", otherSubject);
        Assert.Equal(HttpStatusCode.Unauthorized, claims.StatusCode);
    }
}
