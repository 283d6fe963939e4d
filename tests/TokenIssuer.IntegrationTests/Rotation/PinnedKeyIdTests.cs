using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TokenIssuer.IntegrationTests.Rotation;

/// <summary>
/// A kid names one key: two different keys under one kid are refused at start-up and on reload, and a key
/// file replaced under a pinned KeyId is refused (the last good key keeps signing) until KeyId changes.
/// </summary>
public sealed class PinnedKeyIdTests
{
    private const string Fix = "Change KeyId to a kid of its own, or leave it out: the default, the key's RFC 7638 thumbprint, never collides.";

    [Fact]
    public async Task TwoDifferentKeysWithTheSameKeyIdStopStartUp()
    {
        var error = await TestHosts.StartFailsAsync(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:A:Pem"] = TestKeys.NewEc().PrivatePem,
            ["JwtIssuer:Keys:A:KeyId"] = "same",
            ["JwtIssuer:Keys:B:Pem"] = TestKeys.NewEc().PrivatePem,
            ["JwtIssuer:Keys:B:KeyId"] = "same",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "A",
            ["JwtIssuer:Profiles:Refresh:SigningKey"] = "B",
        });

        string failure = Assert.Single(error.Failures);
        Assert.StartsWith("JwtIssuer:Keys:B:KeyId: the kid \"same\" also names a different key (JwtIssuer:Keys:A:KeyId).", failure, StringComparison.Ordinal);
        Assert.Contains(Fix, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProfileKeyIdThatNamesAnotherKeysKidStopsStartUp()
    {
        var a = TestKeys.NewEc();
        var error = await TestHosts.StartFailsAsync(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:A:Pem"] = a.PrivatePem,
            ["JwtIssuer:Keys:B:Pem"] = TestKeys.NewEc().PrivatePem,
            ["JwtIssuer:Profiles:Access:SigningKey"] = "A",
            ["JwtIssuer:Profiles:Other:SigningKey"] = "B",
            ["JwtIssuer:Profiles:Other:KeyId"] = a.Thumbprint,
        });

        Assert.Contains(error.Failures, f => f.StartsWith($"JwtIssuer:Profiles:Other:KeyId: the kid \"{a.Thumbprint}\" also names a different key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSameKeyUnderTwoNamesIsNoCollision()
    {
        var a = TestKeys.NewEc();
        await using var host = await TestHosts.StartAsync(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:A:Pem"] = a.PrivatePem,
            ["JwtIssuer:Keys:Copy:Pem"] = a.PrivatePem,
            ["JwtIssuer:Profiles:Access:SigningKey"] = "A",
        });

        Assert.Equal(a.Thumbprint, new Jwt(host.Issuer.Issue("Access")).Kid);
    }

    [Fact]
    public async Task ADuplicateKeyIdOnReloadIsRejectedAndTheLastGoodKeysStay()
    {
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        await using var host = await TestHosts.StartAsync(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:A:Pem"] = a.PrivatePem,
            ["JwtIssuer:Keys:A:KeyId"] = "a",
            ["JwtIssuer:Keys:B:Pem"] = b.PrivatePem,
            ["JwtIssuer:Keys:B:KeyId"] = "b",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "A",
            ["JwtIssuer:Profiles:Refresh:SigningKey"] = "B",
        });
        Assert.Equal("b", new Jwt(host.Issuer.Issue("Refresh")).Kid);

        host.Configuration.Change(("JwtIssuer:Keys:B:KeyId", "a"));

        var rejected = Assert.Single(host.Logs.TokenIssuerEvents(3));
        Assert.Equal(LogLevel.Error, rejected.Level);
        Assert.Contains("JwtIssuer:Keys:B:KeyId: the kid \"a\" also names a different key (JwtIssuer:Keys:A:KeyId)", rejected.Message, StringComparison.Ordinal);
        Assert.Equal("b", new Jwt(host.Issuer.Issue("Refresh")).Kid);
    }

    [Fact]
    public async Task AKeyFileReplacedUnderAPinnedKeyIdIsRefusedUntilTheKeyIdChanges()
    {
        using var root = new TempDirectory();
        var first = TestKeys.NewEc();
        var second = TestKeys.NewEc();
        root.WriteFile("keys/signing.pem", first.PrivatePem);
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:File:PemFile"] = "keys/signing.pem",
            ["JwtIssuer:Keys:File:KeyId"] = "es-1",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "File",
            ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
        }, contentRoot: root.Path);
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);
        var ring = host.Services.GetRequiredService<IJwtKeyRing>();
        var before = new Jwt(host.Issuer.Issue("Access"));

        // Same kid, different key: validators holding "es-1" would reject the new key's tokens (IDX10511).
        root.WriteFile("keys/signing.pem", second.PrivatePem);
        host.Runtime.Reload();

        // (The file watcher may have reloaded too, and been refused the same way.)
        var rejected = Assert.Single(host.Logs.TokenIssuerEvents(3).Take(1));
        Assert.Contains("JwtIssuer:Keys:File:KeyId: the kid \"es-1\" already names a different key (key File, signing now)", rejected.Message, StringComparison.Ordinal);
        Assert.Contains(Fix, rejected.Message, StringComparison.Ordinal);
        var kept = new Jwt(host.Issuer.Issue("Access"));
        Assert.Equal("es-1", kept.Kid);
        Assert.True(kept.VerifiesWith(first.PublicKey));

        // With a KeyId of its own the new key signs, and both keys are published, one entry each.
        host.Configuration.Change(("JwtIssuer:Keys:File:KeyId", "es-2"));

        var rotated = new Jwt(host.Issuer.Issue("Access"));
        Assert.Equal("es-2", rotated.Kid);
        Assert.True(rotated.VerifiesWith(second.PublicKey));
        var published = ring.ValidationKeys;
        Assert.Equal(JwtKeyState.Retired, Assert.Single(published, k => k.KeyId == "es-1").State);
        Assert.Equal(JwtKeyState.Active, Assert.Single(published, k => k.KeyId == "es-2").State);
        Assert.True(before.VerifiesWith(first.PublicKey));
    }
}
