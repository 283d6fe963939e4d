using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TokenIssuer.AspNetCore.Tests.Infrastructure;

namespace TokenIssuer.AspNetCore.Tests;

/// <summary>
/// The sample as the README runs it: nothing configured beyond its appsettings.json (no keys), environment
/// Development, on a machine with no development keys yet (an empty, not yet created keys directory stands for the
/// user's local application data). Then the README's curl walk-through, request by request.
/// </summary>
public sealed class FreshMachineTests : IDisposable
{
    private readonly string _keys = SampleAppFactory.NewTempDirectory();

    public void Dispose() => SampleAppFactory.DeleteDirectory(_keys);

    [Fact]
    public async Task TheReadmeCurlWalkThroughWorksOnAFreshMachine()
    {
        Assert.False(Directory.Exists(_keys));
        using var app = new SampleAppFactory(keysDirectory: _keys);
        var client = app.CreateClient();

        // curl -s -X POST http://localhost:5080/login -H 'Content-Type: application/json' -d '{"username":"alice","password":"wonderland"}'
        using var login = await client.PostAsync("/login", new StringContent("""{"username":"alice","password":"wonderland"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        string loginBody = await login.Content.ReadAsStringAsync();
        // ACCESS=$(sed -E 's/.*"access_token":"([^"]+)".*/\1/' /tmp/login.json), and the same for REFRESH
        string access = Regex.Match(loginBody, "\"access_token\":\"([^\"]+)\"").Groups[1].Value;
        string refresh = Regex.Match(loginBody, "\"refresh_token\":\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(3, access.Split('.').Length);
        Assert.Equal(3, refresh.Split('.').Length);
        Assert.Equal("ES256", (string?)new Jwt(access).HeaderObject["alg"]);   // "an ES256 access token (15 minutes)"
        Assert.Equal(900, (long)new Jwt(access).PayloadObject["exp"]! - (long)new Jwt(access).PayloadObject["iat"]!);
        Assert.Equal("HS256", (string?)new Jwt(refresh).HeaderObject["alg"]);  // "and an HS256 refresh token (30 days)"
        Assert.Equal(30 * 24 * 3600, (long)new Jwt(refresh).PayloadObject["exp"]! - (long)new Jwt(refresh).PayloadObject["iat"]!);

        // curl -s http://localhost:5080/me -H "Authorization: Bearer $ACCESS"
        using var me = await client.GetWithBearer("/me", access);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("""{"sub":"u-42","name":"Alice Liddell","role":"admin","tenantId":"7f1d5a52-43e3-4c6b-9f0e-2d6b3b8f2a10","scope":"profile.read"}""",
            await me.Content.ReadAsStringAsync());

        // curl -s -X POST http://localhost:5080/refresh -H "Authorization: Bearer $REFRESH"
        using var refreshed = await client.SendWithBearer(HttpMethod.Post, "/refresh", refresh);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var newTokens = await SampleClient.ReadTokens(refreshed);
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(newTokens.AccessToken));

        // curl -s -X POST http://localhost:5080/service-token -H "Authorization: Bearer $ACCESS"
        string service = await client.ServiceToken(access);
        Assert.Equal("RS256", (string?)new Jwt(service).HeaderObject["alg"]);

        // curl -s http://localhost:5080/.well-known/jwks.json
        var kids = await client.JwksKids();
        Assert.Contains(new Jwt(access).Kid, kids);
        Assert.Contains(new Jwt(service).Kid, kids);

        // curl -s http://localhost:5080/.well-known/openid-configuration
        using var discovery = await client.GetJson(SampleClient.DiscoveryPath);
        Assert.Equal("https://id.sample.local", discovery.RootElement.GetProperty("issuer").GetString());
        Assert.EndsWith("/.well-known/jwks.json", discovery.RootElement.GetProperty("jwks_uri").GetString());
    }

    [Fact]
    public async Task DevelopmentGeneratesOneKeyPerProfileInTheKeysDirectory()
    {
        using var app = new SampleAppFactory(keysDirectory: _keys);
        var client = app.CreateClient();
        await client.Login();

        // Service signs with its managed key (appsettings.json), kept in the sample's signing-keys folder, not a development key.
        var files = Directory.GetFiles(_keys).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "Access.ES256.key", "Refresh.HS256.key" }, files);
        Assert.Single(Directory.GetFiles(Path.Combine(_keys, "sample-data", "signing-keys"), "key-*.json"));
        if (!OperatingSystem.IsWindows())
        {
            foreach (string file in Directory.GetFiles(_keys))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }
    }

    [Fact]
    public async Task DevelopmentKeysSurviveARestartSoEarlierTokensStayValid()
    {
        SampleClient.Tokens tokens;
        string service;
        using (var first = new SampleAppFactory(keysDirectory: _keys))
        {
            var client = first.CreateClient();
            tokens = await client.Login();
            service = await client.ServiceToken(tokens.AccessToken);
        }

        using var second = new SampleAppFactory(keysDirectory: _keys);
        var restarted = second.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await restarted.MeStatus(tokens.AccessToken));
        using var refreshed = await restarted.SendWithBearer(HttpMethod.Post, "/refresh", tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var kids = await restarted.JwksKids();
        Assert.Contains(new Jwt(tokens.AccessToken).Kid, kids);
        Assert.Contains(new Jwt(service).Kid, kids);
    }

    [Fact]
    public async Task AnotherMachineWithOtherDevelopmentKeysRefusesTheTokens()
    {
        using var first = new SampleAppFactory(keysDirectory: _keys);
        var tokens = await first.CreateClient().Login();

        using var elsewhere = new SampleAppFactory();
        var client = elsewhere.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(tokens.AccessToken));
        using var refreshed = await client.SendWithBearer(HttpMethod.Post, "/refresh", tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
    }

    [Fact]
    public void OutsideDevelopmentTheSampleRefusesToStartWithoutKeys()
    {
        using var app = new SampleAppFactory(keysDirectory: _keys, environment: "Production");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        string messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("SigningKey", messages);
        Assert.False(Directory.Exists(_keys) && Directory.EnumerateFileSystemEntries(_keys).Any(), "no development key is generated outside Development");
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten)) yield return inner;
            }
        }
    }
}
