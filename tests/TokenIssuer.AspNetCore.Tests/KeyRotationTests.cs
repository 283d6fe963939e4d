using System.Net;
using System.Security.Cryptography;
using TokenIssuer.AspNetCore.Tests.Infrastructure;

namespace TokenIssuer.AspNetCore.Tests;

/// <summary>
/// Key rotation through a configuration reload: the Access profile signs with an explicit PEM key that a test
/// replaces while the app runs. Tokens of the old key keep validating (and its public key stays in the JWKS)
/// for as long as they can live.
/// </summary>
public sealed class KeyRotationTests : IDisposable
{
    private const string KeyPath = "JwtIssuer:Keys:access-key:Pem";

    private readonly ECDsa _first = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _second = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly SampleAppFactory _app;

    public KeyRotationTests()
    {
        _app = new SampleAppFactory(settings: new Dictionary<string, string?>
        {
            [KeyPath] = _first.ExportPkcs8PrivateKeyPem(),
            ["JwtIssuer:Profiles:Access:SigningKey"] = "access-key",
        });
    }

    public void Dispose()
    {
        _app.Dispose();
        _first.Dispose();
        _second.Dispose();
    }

    private void Rotate(ECDsa key) => _app.Reconfigure(new Dictionary<string, string?> { [KeyPath] = key.ExportPkcs8PrivateKeyPem() });

    [Fact]
    public async Task AConfiguredKeySignsWithItsRFC7638ThumbprintAsKid()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();

        Assert.Equal(TestKeys.Thumbprint(_first), new Jwt(tokens.AccessToken).Kid);
        Assert.Contains(TestKeys.Thumbprint(_first), await client.JwksKids());
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(tokens.AccessToken));
    }

    [Fact]
    public async Task AfterRotationNewTokensCarryTheNewKidAndOldTokensValidateUntilTheyExpire()
    {
        var client = _app.CreateClient();
        var tokenA = (await client.Login()).AccessToken;
        string? kidA = new Jwt(tokenA).Kid;

        _app.Time.Advance(TimeSpan.FromMinutes(5));
        Rotate(_second);
        var tokenB = (await client.Login()).AccessToken;
        string? kidB = new Jwt(tokenB).Kid;

        Assert.NotEqual(kidA, kidB);
        Assert.Equal(TestKeys.Thumbprint(_second), kidB);
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(tokenA));
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(tokenB));
        var kids = await client.JwksKids();
        Assert.Contains(kidA, kids);
        Assert.Contains(kidB, kids);

        // 14 minutes after A was issued: both still good, both keys published.
        _app.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(tokenA));
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(tokenB));
        Assert.Contains(kidA, await client.JwksKids());

        // 16 minutes after A: A has expired, B (issued 5 minutes later) has not.
        _app.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(tokenA));
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(tokenB));
    }

    [Fact]
    public async Task TheRetiredKeyLeavesTheJwksOnceNoTokenItSignedCanBeValid()
    {
        var client = _app.CreateClient();
        var tokenA = (await client.Login()).AccessToken;
        string? kidA = new Jwt(tokenA).Kid;
        Rotate(_second);
        string kidB = TestKeys.Thumbprint(_second);

        _app.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Contains(kidA, await client.JwksKids());

        // The lifetime of Access tokens has passed since the rotation: the old key is gone, the new one stays.
        _app.Time.Advance(TimeSpan.FromMinutes(2));
        var kids = await client.JwksKids();
        Assert.DoesNotContain(kidA, kids);
        Assert.Contains(kidB, kids);
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatus(tokenA));
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus((await client.Login()).AccessToken));
    }

    [Fact]
    public async Task RotatingBackAndForthKeepsEveryLiveTokenValid()
    {
        var client = _app.CreateClient();
        var tokenA = (await client.Login()).AccessToken;
        Rotate(_second);
        var tokenB = (await client.Login()).AccessToken;
        Rotate(_first);
        var tokenC = (await client.Login()).AccessToken;

        Assert.Equal(new Jwt(tokenA).Kid, new Jwt(tokenC).Kid);
        foreach (string token in new[] { tokenA, tokenB, tokenC })
        {
            Assert.Equal(HttpStatusCode.OK, await client.MeStatus(token));
        }
        var kids = await client.JwksKids();
        Assert.Contains(TestKeys.Thumbprint(_first), kids);
        Assert.Contains(TestKeys.Thumbprint(_second), kids);
        Assert.Equal(kids.Length, kids.Distinct().Count());
    }

    [Fact]
    public async Task AnInvalidKeyOnReloadIsIgnoredAndTheLastGoodKeyKeepsSigning()
    {
        var client = _app.CreateClient();
        var before = (await client.Login()).AccessToken;

        _app.Reconfigure(new Dictionary<string, string?> { [KeyPath] = "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----" });

        var after = (await client.Login()).AccessToken;
        Assert.Equal(new Jwt(before).Kid, new Jwt(after).Kid);
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(before));
        Assert.Equal(HttpStatusCode.OK, await client.MeStatus(after));
    }

    [Fact]
    public async Task ARotationOfTheAccessKeyLeavesTheOtherProfilesKeysAlone()
    {
        var client = _app.CreateClient();
        var tokens = await client.Login();
        string? serviceKid = new Jwt(await client.ServiceToken(tokens.AccessToken)).Kid;

        Rotate(_second);
        var after = await client.Login();
        Assert.Equal(serviceKid, new Jwt(await client.ServiceToken(after.AccessToken)).Kid);
        using var refreshed = await client.SendWithBearer(HttpMethod.Post, "/refresh", tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }
}
