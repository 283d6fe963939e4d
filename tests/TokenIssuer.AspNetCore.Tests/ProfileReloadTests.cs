using System.Net;
using System.Security.Cryptography;
using TokenIssuer.AspNetCore.Tests.Infrastructure;

namespace TokenIssuer.AspNetCore.Tests;

/// <summary>
/// Reloads that change more than the key: a key published ahead of use, a rotation that changes the algorithm,
/// a changed issuer. The app must go on accepting the tokens it issues.
/// </summary>
public sealed class ProfileReloadTests : IDisposable
{
    private readonly ECDsa _p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _nextP256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    public void Dispose()
    {
        _p256.Dispose();
        _nextP256.Dispose();
        _p384.Dispose();
    }

    [Fact]
    public async Task AKeyConfiguredAheadOfUseIsPublishedThenSignsAfterTheSwitch()
    {
        using var app = new SampleAppFactory(settings: new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:current:Pem"] = _p256.ExportPkcs8PrivateKeyPem(),
            ["JwtIssuer:Keys:current:KeyId"] = "es-current",
            ["JwtIssuer:Keys:next:Pem"] = _nextP256.ExportPkcs8PrivateKeyPem(),
            ["JwtIssuer:Keys:next:KeyId"] = "es-next",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "current",
        });
        var client = app.CreateClient();
        var before = (await client.Login()).AccessToken;
        Assert.Equal("es-current", new Jwt(before).Kid);
        Assert.Contains("es-next", await client.JwksKids()); // validators can fetch it before any token carries it

        app.Reconfigure(new Dictionary<string, string?> { ["JwtIssuer:Profiles:Access:SigningKey"] = "next" });
        var after = (await client.Login()).AccessToken;

        Assert.Equal("es-next", new Jwt(after).Kid);
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(after));
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(before));
    }

    [Fact]
    public async Task ARotationToAKeyOfAnotherAlgorithmKeepsOldAndNewTokensValid()
    {
        using var app = new SampleAppFactory(settings: new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:access-key:Pem"] = _p256.ExportPkcs8PrivateKeyPem(),
            ["JwtIssuer:Profiles:Access:SigningKey"] = "access-key",
        });
        var client = app.CreateClient();
        var es256 = (await client.Login()).AccessToken;

        app.Reconfigure(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:access-key:Pem"] = _p384.ExportPkcs8PrivateKeyPem(),
            ["JwtIssuer:Profiles:Access:Algorithm"] = "ES384",
        });
        var es384 = (await client.Login()).AccessToken;

        Assert.Equal("ES384", (string?)new Jwt(es384).HeaderObject["alg"]);
        var jwks = await client.JwksKids();
        Assert.Contains(new Jwt(es256).Kid, jwks);
        Assert.Contains(new Jwt(es384).Kid, jwks);
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(es256));
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(es384));
    }

    [Fact]
    public async Task AReloadThatChangesTheIssuerKeepsTheAppsOwnNewTokensValid()
    {
        using var app = new SampleAppFactory();
        var client = app.CreateClient();
        var before = (await client.Login()).AccessToken;
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(before));

        app.Reconfigure(new Dictionary<string, string?> { ["JwtIssuer:Profiles:Access:Issuer"] = "https://id2.sample.local" });
        var after = (await client.Login()).AccessToken;

        Assert.Equal("https://id2.sample.local", (string?)new Jwt(after).PayloadObject["iss"]);
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(after));
    }
}
