using System.Text;

namespace TokenIssuer.HardeningTests.KeyHygiene;

/// <summary>
/// Keys replaced by a rotation are disposed once no token is being signed with them (the secret zeroed,
/// the RSA/EC handle released), and not before: a token in flight during the rotation finishes with its
/// key and validates with it.
/// </summary>
public sealed class DisposalAfterRotationTests
{
    private const string K = "JwtIssuer:Keys:";

    private static Dictionary<string, string?> Configuration() => new()
    {
        [K + "hs:Secret"] = KeyMaterial.SecretText,
        [K + "rsa:Pem"] = TestKeys.Pkcs8Pem(TestKeys.Rsa2048),
        [K + "ec:Pem"] = TestKeys.Pkcs8Pem(TestKeys.P256),
        ["JwtIssuer:Profiles:Hs:SigningKey"] = "hs",
        ["JwtIssuer:Profiles:Rs:SigningKey"] = "rsa",
        ["JwtIssuer:Profiles:Es:SigningKey"] = "ec",
    };

    private static readonly byte[] Data = Encoding.ASCII.GetBytes("eyJhbGciOiJIUzI1NiJ9.e30");

    [Theory]
    [InlineData("Hs")]
    [InlineData("Rs")]
    [InlineData("Es")]
    public async Task AReplacedKeyIsDisposedOnceNoTokenIsInFlight(string profile)
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        host.Issuer.Issue(profile);
        var plan = host.CurrentPlans.Plans[profile];
        var oldKey = plan.Key.Key;
        var buffer = new byte[512];
        Assert.True(oldKey.Sign(plan.Algorithm, Data, buffer) > 0);

        // Rotate the HMAC secret (the RSA and EC keys are reloaded as new key objects too).
        host.Configuration.Change((K + "hs:Secret", KeyMaterial.SecretText + "-rotated"));
        Assert.NotSame(oldKey, host.CurrentPlans.Plans[profile].Key.Key);
        new Jwt(host.Issuer.Issue(profile));

        Assert.Throws<ObjectDisposedException>(() => oldKey.Sign(plan.Algorithm, Data, buffer));
    }

    /// <summary>The public API on a disposed key: ObjectDisposedException, not an error about the payload.</summary>
    [Theory]
    [InlineData("Hs")]
    [InlineData("Rs")]
    [InlineData("Es")]
    public async Task SigningWithAReplacedKeyThroughJwtSignerThrowsObjectDisposedException(string profile)
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        host.Issuer.Issue(profile);
        var plan = host.CurrentPlans.Plans[profile];
        host.Configuration.Change((K + "hs:Secret", KeyMaterial.SecretText + "-rotated"));
        var e = Record.Exception(() => JwtSigner.Sign(new Dictionary<string, object?> { ["a"] = 1 }, plan.Key.Key, new JwtSignOptions { Algorithm = plan.Algorithm }));
        Assert.True(e is ObjectDisposedException, $"{e?.GetType().Name}: {e?.Message}");
    }

    /// <summary>A disposed HMAC secret no longer exports (it would export as zeros).</summary>
    [Fact]
    public void ADisposedSecretDoesNotExportZeros()
    {
        var key = SigningKey.FromSecret(KeyMaterial.SecretText);
        key.Dispose();
        var e = Record.Exception(() => key.ExportPrivateKey());
        Assert.True(e is ObjectDisposedException, $"exported \"{(e is null ? key.ExportPrivateKey() : e.Message)}\"");
    }

    [Fact]
    public async Task ATokenInFlightDuringARotationFinishesWithItsKeyWhichIsDisposedAfterwards()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        host.Issuer.Issue("Hs");
        var plan = host.CurrentPlans.Plans["Hs"];
        var oldKey = plan.Key.Key;
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();

        var inFlight = Task.Factory.StartNew(() => host.Issuer.Issue("Hs", 0, (writer, _) =>
        {
            entered.Set();
            if (!release.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException("never released");
            writer.WriteString("phase", "in flight");
        }), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)), "the in-flight token never started");

        host.Configuration.Change((K + "hs:Secret", KeyMaterial.SecretText + "-rotated"));
        // Newer tokens use the new secret already, while the old key is still alive for the token in flight.
        var newer = new Jwt(host.Issuer.Issue("Hs"));
        Assert.True(newer.VerifiesWith(Encoding.UTF8.GetBytes(KeyMaterial.SecretText + "-rotated")));
        var buffer = new byte[64];
        Assert.Equal(32, oldKey.Sign(JwtAlgorithm.HS256, Data, buffer));

        release.Set();
        var token = new Jwt(await inFlight.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("in flight", token.Payload.GetProperty("phase").GetString());
        Assert.True(token.VerifiesWith(KeyMaterial.SecretBytes), "the in-flight token was not signed with the key it started with");
        Assert.Throws<ObjectDisposedException>(() => oldKey.Sign(JwtAlgorithm.HS256, Data, buffer));
    }
}
