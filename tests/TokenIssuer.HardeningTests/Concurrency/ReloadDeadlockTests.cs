using System.Security.Cryptography;

namespace TokenIssuer.HardeningTests.Concurrency;

/// <summary>
/// A PemFile change fires the file watcher, whose callback reloads; an explicit reload (or a configuration
/// reload) at the same moment must not deadlock with it. Each step is bounded, so a deadlock fails the
/// test instead of hanging the run.
/// </summary>
[Collection(nameof(RotationUnderLoad))]
public sealed class ReloadDeadlockTests(ITestOutputHelper output)
{
    private const int Attempts = 40;
    private static readonly TimeSpan StepLimit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AKeyFileChangeDuringAReloadDoesNotDeadlock()
    {
        using var folder = new TempDirectory();
        folder.WriteFile("keys/es.pem", TestKeys.Pkcs8Pem(TestKeys.P256));
        var host = await TestHosts.StartAsync(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:es:PemFile"] = "keys/es.pem",
            ["JwtIssuer:Profiles:Es:SigningKey"] = "es",
        }, contentRoot: folder.Path);
        bool deadlocked = false;
        try
        {
            for (int attempt = 1; attempt <= Attempts; attempt++)
            {
                using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                string pem = TestKeys.Pkcs8Pem(ec);
                if (!await Bounded.FinishesWithin(() =>
                    {
                        folder.WriteFile("keys/es.pem", pem);
                        host.Runtime.Reload();
                    }, StepLimit))
                {
                    deadlocked = true;
                    Assert.Fail($"attempt {attempt}: rewriting the PEM file and calling Reload() did not return within {StepLimit.TotalSeconds} s (deadlock between Reload() and the file watcher's callback)");
                }
                // The token of the new key: signed with it and carrying its kid.
                var token = new Jwt(host.Issuer.Issue("Es"));
                Assert.Equal(TestKeys.Thumbprint(ec), token.Kid);
                Assert.True(token.VerifiesWith(ec));
            }
            output.WriteLine($"{Attempts} PEM file rewrites with Reload(): no deadlock");
        }
        finally
        {
            if (!deadlocked) await host.DisposeAsync();
        }
    }
}
