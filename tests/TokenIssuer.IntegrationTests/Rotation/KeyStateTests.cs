using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TokenIssuer.IntegrationTests.Rotation;

/// <summary>
/// The key ring's states (announced, active, retired), the retention of keys whose profile's tokens never
/// expire, and the warnings for a profile without ExpiresIn and a key that signs before it was announced.
/// </summary>
public sealed class KeyStateTests
{
    private static async Task<TestHost> StartAsync(GeneratedEcKey a, GeneratedEcKey b, string? expiresIn)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:A:Pem"] = a.PrivatePem,
            ["JwtIssuer:Keys:B:Pem"] = b.PrivatePem,
            ["JwtIssuer:Profiles:Access:SigningKey"] = "A",
        };
        if (expiresIn is not null) configuration["JwtIssuer:Profiles:Access:ExpiresIn"] = expiresIn;
        var host = await TestHosts.StartAsync(configuration);
        // The issuer is created when first used: start it, as the first request would.
        _ = host.Issuer.Issue("Access");
        return host;
    }

    private static IJwtKeyRing Ring(TestHost host) => host.Services.GetRequiredService<IJwtKeyRing>();

    [Fact]
    public async Task KeysAreActiveAnnouncedAndRetired()
    {
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        await using var host = await StartAsync(a, b, "15m");
        Assert.Equal(JwtKeyState.Active, Assert.Single(Ring(host).ValidationKeys, k => k.KeyId == a.Thumbprint).State);
        Assert.Equal(JwtKeyState.Announced, Assert.Single(Ring(host).ValidationKeys, k => k.KeyId == b.Thumbprint).State);

        // The planned path: B was announced, now it signs; A is retired for the 15 minutes its tokens live.
        host.Configuration.Change(("JwtIssuer:Profiles:Access:SigningKey", "B"), ("JwtIssuer:Keys:A:Pem", null));

        var keys = Ring(host).ValidationKeys;
        Assert.Equal(JwtKeyState.Active, Assert.Single(keys, k => k.KeyId == b.Thumbprint).State);
        Assert.Equal(JwtKeyState.Retired, Assert.Single(keys, k => k.KeyId == a.Thumbprint).State);
        var retired = Assert.Single(host.Logs.TokenIssuerEvents(11));
        Assert.Contains($"retired key A (kid {a.Thumbprint}, ES256)", retired.Message, StringComparison.Ordinal);
        // B was announced before it signed: no warning.
        Assert.Empty(host.Logs.TokenIssuerEvents(12));

        host.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.DoesNotContain(Ring(host).ValidationKeys, k => k.KeyId == a.Thumbprint);
    }

    [Fact]
    public async Task AKeyThatSignsBeforeItWasAnnouncedIsWarnedAbout()
    {
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        var c = TestKeys.NewEc();
        await using var host = await StartAsync(a, b, "15m");

        host.Configuration.Change(("JwtIssuer:Keys:C:Pem", c.PrivatePem), ("JwtIssuer:Profiles:Access:SigningKey", "C"));

        var warning = Assert.Single(host.Logs.TokenIssuerEvents(12));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains($"profile Access now signs with key C (kid {c.Thumbprint}), which was not announced before", warning.Message, StringComparison.Ordinal);
        Assert.Contains("add the next key under Keys first", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyReplacedForAProfileWithoutExpiresInStaysPublishedPastADay()
    {
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        await using var host = await StartAsync(a, b, expiresIn: null);
        var warning = Assert.Single(host.Logs.TokenIssuerEvents(13));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("profile Access sets no ExpiresIn: its tokens never expire, so they outlive every key rotation", warning.Message, StringComparison.Ordinal);
        Assert.Contains("JwtIssuer:Profiles:Access:ExpiresIn", warning.Message, StringComparison.Ordinal);
        var token = host.Issuer.Issue("Access");

        host.Configuration.Change(("JwtIssuer:Profiles:Access:SigningKey", "B"), ("JwtIssuer:Keys:A:Pem", null));
        host.Clock.Advance(TimeSpan.FromDays(400));

        var kept = Assert.Single(Ring(host).ValidationKeys, k => k.KeyId == a.Thumbprint);
        Assert.Equal(JwtKeyState.Retired, kept.State);
        Assert.Contains("Access", kept.Profiles);
        Assert.Equal(a.Thumbprint, new Jwt(token).Kid);
        Assert.Contains("until the app restarts", Assert.Single(host.Logs.TokenIssuerEvents(11)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnnouncedKeyRemovedFromConfigurationLeavesAtOnce()
    {
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        await using var host = await StartAsync(a, b, "15m");

        host.Configuration.Change(("JwtIssuer:Keys:B:Pem", null));

        Assert.DoesNotContain(Ring(host).ValidationKeys, k => k.KeyId == b.Thumbprint);
        Assert.Empty(host.Logs.TokenIssuerEvents(11));
    }
}
