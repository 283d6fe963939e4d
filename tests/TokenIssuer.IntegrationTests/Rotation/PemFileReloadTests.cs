using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TokenIssuer.IntegrationTests.Rotation;

/// <summary>
/// PemFile keys are re-read by <c>JwtIssuer.Reload()</c> (what the file watcher calls); the tests call
/// it directly rather than wait for file events. Files are replaced atomically, so a watcher that fires
/// meanwhile reads either the old or the new key, never half of one.
/// </summary>
public sealed class PemFileReloadTests
{
    [Fact]
    public async Task RewrittenPemFileIsPickedUpByReloadAndABrokenOneIsIgnored()
    {
        using var root = new TempDirectory();
        var first = TestKeys.NewEc();
        var second = TestKeys.NewEc();
        root.WriteFile("keys/signing.pem", first.PrivatePem);
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:File:PemFile"] = "keys/signing.pem",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "File",
            ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
        }, contentRoot: root.Path);
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);
        var issuer = host.Issuer;
        Assert.Equal(first.Thumbprint, new Jwt(issuer.Issue("Access")).Kid);

        root.WriteFile("keys/signing.pem", second.PrivatePem);
        host.Runtime.Reload();

        var rotated = new Jwt(issuer.Issue("Access"));
        Assert.Equal(second.Thumbprint, rotated.Kid);
        Assert.True(rotated.VerifiesWith(second.PublicKey));
        Assert.Contains(host.Logs.TokenIssuerEvents(2), r => r.Message.Contains(second.Thumbprint, StringComparison.Ordinal));

        // A file that is not a key: the reload is rejected and logged, the second key stays.
        root.WriteFile("keys/signing.pem", "not a key\n");
        host.Runtime.Reload();

        var kept = new Jwt(issuer.Issue("Access"));
        Assert.Equal(second.Thumbprint, kept.Kid);
        Assert.True(kept.VerifiesWith(second.PublicKey));
        var rejected = Assert.Single(host.Logs.TokenIssuerEvents(3).Where(r => r.Message.Contains("JwtIssuer:Keys:File:PemFile", StringComparison.Ordinal)).Take(1));
        Assert.Equal(LogLevel.Error, rejected.Level);
    }
}
