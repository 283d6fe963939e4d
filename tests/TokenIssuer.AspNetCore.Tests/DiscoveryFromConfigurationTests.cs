using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using TokenIssuer.AspNetCore.Tests.Infrastructure;

namespace TokenIssuer.AspNetCore.Tests;

/// <summary>
/// MapOpenIdConfiguration on a host of its own: addresses from JwtIssuer:PublicUrl or an https issuer, never from
/// the request; GET and HEAD with an ETag; no public address outside Development stops start-up.
/// </summary>
public sealed class DiscoveryFromConfigurationTests
{
    private static Dictionary<string, string?> Access(string? publicUrl, string? issuer) => IssuerHost.Configuration(
        ("JwtIssuer:PublicUrl", publicUrl),
        ("JwtIssuer:Keys:es:Pem", GeneratedKeys.Es256Pem()),
        ("JwtIssuer:Profiles:Access:SigningKey", "es"),
        ("JwtIssuer:Profiles:Access:ExpiresIn", "15m"),
        ("JwtIssuer:Profiles:Access:Issuer", issuer),
        ("JwtIssuer:Profiles:Access:Audience", "orders-api"));

    private static Task<IssuerHost> StartDiscovery(Dictionary<string, string?> settings, string environment = "Production", Action<WebApplication>? middleware = null)
        => IssuerHost.StartAsync(settings, environment, map: app =>
        {
            app.MapJwks();
            app.MapOpenIdConfiguration();
        }, middleware: middleware);

    private static async Task<(string Body, HttpResponseMessage Response)> Get(HttpClient client, string path, Action<HttpRequestMessage>? change = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        change?.Invoke(request);
        var response = await client.SendAsync(request);
        return (await response.Content.ReadAsStringAsync(), response);
    }

    private static string JwksUri(string body) => JsonDocument.Parse(body).RootElement.GetProperty("jwks_uri").GetString()!;

    [Fact]
    public async Task DiscoveryIsTheSameDocumentWhateverTheHostAndXForwardedHeaders()
    {
        // The app even honours forwarded headers from anyone (a proxy set-up gone wrong): discovery still does not follow them.
        await using var host = await StartDiscovery(Access("https://id.example.com", "https://id.example.com"), middleware: app =>
        {
            var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.All };
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            app.UseForwardedHeaders(options);
        });

        var (plain, plainResponse) = await Get(host.Client, SampleClient.DiscoveryPath);
        Assert.Equal(HttpStatusCode.OK, plainResponse.StatusCode);
        Assert.Equal("https://id.example.com/.well-known/jwks.json", JwksUri(plain));
        Assert.Equal("https://id.example.com", JsonDocument.Parse(plain).RootElement.GetProperty("issuer").GetString());
        Assert.Empty(plainResponse.Headers.Vary);

        Action<HttpRequestMessage>[] steered =
        [
            r => r.Headers.Host = "evil.example",
            r => r.Headers.Add("X-Forwarded-Host", "evil.example"),
            r => r.Headers.Add("X-Forwarded-Proto", "http"),
            r => r.Headers.Add("X-Forwarded-Prefix", "/attacker"),
            r =>
            {
                r.Headers.Host = "evil.example:8443";
                r.Headers.Add("X-Forwarded-Host", "evil.example");
                r.Headers.Add("X-Forwarded-Proto", "http");
            },
        ];
        foreach (var change in steered)
        {
            var (body, response) = await Get(host.Client, SampleClient.DiscoveryPath, change);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(plain, body);
            Assert.Equal(plainResponse.Headers.ETag, response.Headers.ETag);
        }
    }

    [Fact]
    public async Task WithoutPublicUrlAnHttpsIssuerIsTheBaseOfJwksUri()
    {
        await using var host = await StartDiscovery(Access(publicUrl: null, issuer: "https://login.example.com/tenant-7"));

        var (body, _) = await Get(host.Client, SampleClient.DiscoveryPath, r => r.Headers.Host = "evil.example");

        Assert.Equal("https://login.example.com/tenant-7/.well-known/jwks.json", JwksUri(body));
    }

    [Theory]
    [InlineData(SampleClient.DiscoveryPath)]
    [InlineData(SampleClient.JwksPath)]
    public async Task HEADAnswersTheHeadersOfGETAndAMatchingIfNoneMatchIs304(string path)
    {
        await using var host = await StartDiscovery(Access("https://id.example.com", "https://id.example.com"));

        var (body, get) = await Get(host.Client, path);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var etag = get.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal("public, max-age=300", get.Headers.CacheControl?.ToString());

        using var head = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(etag, head.Headers.ETag);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(body), head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        foreach (string ifNoneMatch in new[] { etag.Tag, "W/" + etag.Tag, "\"other\", " + etag.Tag, "*" })
        {
            var (notModifiedBody, notModified) = await Get(host.Client, path, r => r.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch));
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Equal(etag, notModified.Headers.ETag);
            Assert.Empty(notModifiedBody);
        }

        var (changedBody, changed) = await Get(host.Client, path, r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"stale\""));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(body, changedBody);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://id.example.com")]
    [InlineData("id.example.com")]
    public async Task OutsideDevelopmentNoPublicAddressStopsStartUp(string? issuer)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartDiscovery(Access(publicUrl: null, issuer)));

        Assert.StartsWith("MapOpenIdConfiguration() has no public address to announce: set JwtIssuer:PublicUrl", error.Message);
        Assert.Contains("never takes its address from a request's Host header", error.Message);
        if (issuer is not null) Assert.Contains($"the issuer \"{issuer}\" is not an absolute https URL", error.Message);
    }

    [Theory]
    [InlineData("Production", "http://id.example.com", "is http; outside Development it must be https")]
    [InlineData("Development", "id.example.com", "is not an absolute http(s) URL")]
    [InlineData("Production", "https://id.example.com/?tenant=1", "is not an absolute http(s) URL")]
    [InlineData("Development", "ftp://id.example.com", "is not an absolute http(s) URL")]
    public async Task APublicUrlThatIsNotAnAbsoluteHttpsURLStopsStartUp(string environment, string publicUrl, string reason)
    {
        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => StartDiscovery(Access(publicUrl, "https://id.example.com"), environment));

        Assert.Contains($"JwtIssuer:PublicUrl: \"{publicUrl}\" {reason}", error.Message);
    }

    [Fact]
    public async Task InDevelopmentAnHttpPublicUrlServes()
    {
        await using var host = await StartDiscovery(Access("http://localhost:5080/", issuer: null), "Development");

        var (body, _) = await Get(host.Client, SampleClient.DiscoveryPath, r => r.Headers.Host = "evil.example");

        Assert.Equal("http://localhost:5080/.well-known/jwks.json", JwksUri(body));
        Assert.Equal("http://localhost:5080", JsonDocument.Parse(body).RootElement.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task InDevelopmentWithNoPublicAddressTheAppsLoopbackUrlServesAndTheLogSaysSo()
    {
        var settings = Access(publicUrl: null, issuer: null);
        settings["urls"] = "http://*:5099";
        await using var host = await StartDiscovery(settings, "Development");

        var (body, _) = await Get(host.Client, SampleClient.DiscoveryPath, r => r.Headers.Host = "evil.example");

        Assert.Equal("http://localhost:5099/.well-known/jwks.json", JwksUri(body));
        Assert.Contains(host.Logs.Warnings, m => m.StartsWith("TokenIssuer discovery announces http://localhost:5099, a Development default", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DiscoveryFollowsAPublicUrlReloadAndKeepsTheLastGoodAddressWhenAReloadBreaksIt()
    {
        await using var host = await StartDiscovery(Access("https://a.example.com", issuer: null));
        var (before, _) = await Get(host.Client, SampleClient.DiscoveryPath);
        Assert.Equal("https://a.example.com/.well-known/jwks.json", JwksUri(before));

        host.Settings.Change(("JwtIssuer:PublicUrl", "https://b.example.com/identity/"));
        var (moved, _) = await Get(host.Client, SampleClient.DiscoveryPath);
        Assert.Equal("https://b.example.com/identity/.well-known/jwks.json", JwksUri(moved));

        host.Settings.Change(("JwtIssuer:PublicUrl", "b.example.com"));
        var (kept, _) = await Get(host.Client, SampleClient.DiscoveryPath);
        Assert.Equal("https://b.example.com/identity/.well-known/jwks.json", JwksUri(kept));
        Assert.Contains(host.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error
            && e.Message == "TokenIssuer discovery ignored a configuration reload and keeps announcing https://b.example.com/identity: JwtIssuer:PublicUrl: \"b.example.com\" is not an absolute http(s) URL. Write the address other services reach this app at, with no query, e.g. \"https://id.example.com\".");
    }
}
