using System.Net;
using System.Text.Json;
using TokenIssuer.AspNetCore.Tests.Infrastructure;

namespace TokenIssuer.AspNetCore.Tests;

/// <summary>MapJwks and MapOpenIdConfiguration as the sample serves them.</summary>
public sealed class JwksAndDiscoveryTests : IDisposable
{
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "k", "oth"];

    private readonly SampleAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task JwksPublishesTheKidOfEveryAsymmetricTokenWithItsPublicParameters()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();
        string service = await client.ServiceToken(tokens.AccessToken);

        using var jwks = await client.GetJson(SampleClient.JwksPath);
        var keys = jwks.RootElement.GetProperty("keys").EnumerateArray().ToArray();

        var access = Assert.Single(keys, k => k.GetProperty("kid").GetString() == new Jwt(tokens.AccessToken).Kid);
        Assert.Equal("ES256", access.GetProperty("alg").GetString());
        Assert.Equal("sig", access.GetProperty("use").GetString());
        Assert.Equal("EC", access.GetProperty("kty").GetString());
        Assert.Equal("P-256", access.GetProperty("crv").GetString());
        Assert.Equal(32, Base64UrlLength(access, "x"));
        Assert.Equal(32, Base64UrlLength(access, "y"));

        var rsa = Assert.Single(keys, k => k.GetProperty("kid").GetString() == new Jwt(service).Kid);
        Assert.Equal("RS256", rsa.GetProperty("alg").GetString());
        Assert.Equal("sig", rsa.GetProperty("use").GetString());
        Assert.Equal("RSA", rsa.GetProperty("kty").GetString());
        Assert.True(Base64UrlLength(rsa, "n") >= 256, "RSA modulus of at least 2048 bits");
        Assert.Equal("AQAB", rsa.GetProperty("e").GetString());
    }

    [Fact]
    public async Task JwksHasNoPrivateOrSymmetricKeyMaterial()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();
        await client.ServiceToken(tokens.AccessToken);

        using var response = await client.GetAsync(SampleClient.JwksPath);
        string text = await response.Content.ReadAsStringAsync();
        using var jwks = JsonDocument.Parse(text);

        var names = Jwt.PropertyNames(jwks.RootElement).ToHashSet(StringComparer.Ordinal);
        foreach (string member in PrivateMembers) Assert.DoesNotContain(member, names);
        foreach (var key in jwks.RootElement.GetProperty("keys").EnumerateArray())
        {
            Assert.NotEqual("oct", key.GetProperty("kty").GetString());
            Assert.DoesNotContain(key.GetProperty("alg").GetString(), new[] { "HS256", "HS384", "HS512" });
        }

        // The refresh token's HS256 key: its kid (when it has one) is not published, nor is its secret anywhere.
        if (new Jwt(tokens.RefreshToken).HeaderObject["kid"] is { } refreshKid)
        {
            Assert.DoesNotContain((string)refreshKid!, await client.JwksKids());
        }
        string secretFile = Assert.Single(Directory.GetFiles(_app.KeysDirectory, "Refresh.*"));
        string secret = File.ReadAllText(secretFile).Trim();
        Assert.DoesNotContain(secret, text);
        Assert.DoesNotContain(secret.TrimEnd('=').Replace('+', '-').Replace('/', '_'), text);
    }

    [Fact]
    public async Task JwksIsPublicCacheableJson()
    {
        var client = _app.CreateClient();
        using var response = await client.GetAsync(SampleClient.JwksPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var cacheControl = response.Headers.CacheControl;
        Assert.NotNull(cacheControl);
        Assert.True(cacheControl.Public);
        Assert.NotNull(cacheControl.MaxAge);
        Assert.True(cacheControl.MaxAge > TimeSpan.Zero);
    }

    [Fact]
    public async Task JwksNeedsNoTokenAndListsEachKeyOnce()
    {
        var client = _app.CreateClient();
        string[] kids = await client.JwksKids();

        Assert.Equal(2, kids.Length); // Access (ES256) and Service (RS256); Refresh is HS256
        Assert.Equal(kids.Length, kids.Distinct().Count());
    }

    [Fact]
    public async Task DiscoveryAnnouncesTheIssuerAndTheJwksUri()
    {
        var client = _app.CreateClient();
        using var response = await client.GetAsync(SampleClient.DiscoveryPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.CacheControl);
        using var discovery = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = discovery.RootElement;

        Assert.Equal("https://id.sample.local", root.GetProperty("issuer").GetString());
        // The sample's JwtIssuer:PublicUrl in appsettings.Development.json, not the request's address.
        Assert.Equal("http://localhost:5080/.well-known/jwks.json", root.GetProperty("jwks_uri").GetString());
        var algorithms = root.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()).ToArray();
        Assert.Equal(new[] { "ES256", "RS256" }, algorithms);
    }

    [Fact]
    public async Task DiscoveryJwksUriIgnoresTheRequestHost()
    {
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://id.example.test") });
        using var discovery = await client.GetJson(SampleClient.DiscoveryPath);

        Assert.Equal("http://localhost:5080/.well-known/jwks.json", discovery.RootElement.GetProperty("jwks_uri").GetString());
    }

    private static int Base64UrlLength(JsonElement key, string member)
        => System.Buffers.Text.Base64Url.DecodeFromChars(key.GetProperty(member).GetString()!).Length;
}
