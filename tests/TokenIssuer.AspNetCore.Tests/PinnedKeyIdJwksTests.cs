using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using TokenIssuer.AspNetCore.Tests.Infrastructure;

namespace TokenIssuer.AspNetCore.Tests;

/// <summary>
/// The JWKS publishes every distinct key and never two keys under one kid: a key replaced under a pinned
/// KeyId is refused (the old key keeps signing and stays the one published under that kid), and once KeyId
/// changes both keys are published, each under its own kid, so outside validators accept old and new tokens.
/// </summary>
public sealed class PinnedKeyIdJwksTests : IDisposable
{
    private const string KeyPath = "JwtIssuer:Keys:access-key";

    private readonly ECDsa _first = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _second = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    private static string X(ECDsa key) => Base64Url.EncodeToString(key.ExportParameters(false).Q.X);

    private static async Task<List<(string Kid, string X)>> Jwks(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/.well-known/jwks.json"));
        return document.RootElement.GetProperty("keys").EnumerateArray()
            .Where(k => k.GetProperty("kty").GetString() == "EC")
            .Select(k => (k.GetProperty("kid").GetString()!, k.GetProperty("x").GetString()!)).ToList();
    }

    [Fact]
    public async Task AKeyReplacedUnderAPinnedKeyIdNeverSharesItsKidInTheJwks()
    {
        using var app = new SampleAppFactory(settings: new Dictionary<string, string?>
        {
            [KeyPath + ":Pem"] = _first.ExportPkcs8PrivateKeyPem(),
            [KeyPath + ":KeyId"] = "es-1",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "access-key",
        });
        var client = app.CreateClient();
        var before = (await client.Login()).AccessToken;

        app.Reconfigure(new Dictionary<string, string?> { [KeyPath + ":Pem"] = _second.ExportPkcs8PrivateKeyPem() });

        // Refused: "es-1" still names the first key, in tokens and in the JWKS.
        var during = (await client.Login()).AccessToken;
        Assert.Equal("es-1", new Jwt(during).Kid);
        Assert.Equal(X(_first), Assert.Single(await Jwks(client), k => k.Kid == "es-1").X);
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(during));

        app.Reconfigure(new Dictionary<string, string?> { [KeyPath + ":KeyId"] = "es-2" });

        var after = (await client.Login()).AccessToken;
        Assert.Equal("es-2", new Jwt(after).Kid);
        var keys = await Jwks(client);
        Assert.Equal(X(_first), Assert.Single(keys, k => k.Kid == "es-1").X);
        Assert.Equal(X(_second), Assert.Single(keys, k => k.Kid == "es-2").X);
        Assert.Equal(keys.Count, keys.Select(k => k.Kid).Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(before));
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(after));
    }
}
