using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TokenIssuer.IntegrationTests.Rotation;

/// <summary>
/// A replaced PemFile is picked up in every layout users deploy. The poll is driven by the host's fake clock
/// (the interval passes, the timer compares the files' contents); real file events are waited for with a
/// bounded poll of the issuer, never a fixed sleep.
/// </summary>
public sealed class KeyFileLayoutTests
{
    private static async Task<TestHost> StartAsync(TempDirectory root, string pemFile, string profileExpiresIn = "15m")
    {
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:File:PemFile"] = pemFile,
            ["JwtIssuer:Profiles:Access:SigningKey"] = "File",
            ["JwtIssuer:Profiles:Access:ExpiresIn"] = profileExpiresIn,
        }, contentRoot: root.Path);
        builder.Services.AddJwtIssuer();
        var host = await TestHosts.StartAsync(builder);
        // The issuer (and its key file monitor) is created when first used.
        _ = host.Issuer.Issue("Access");
        return host;
    }

    /// <summary>Waits (bounded) until the issuer signs with <paramref name="kid"/>.</summary>
    internal static async Task<bool> SignsWithinAsync(IJwtIssuer issuer, string kid, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (new Jwt(issuer.Issue("Access")).Kid == kid) return true;
            await Task.Delay(20);
        }
        return false;
    }

    private static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(file, arguments);
        Assert.True(process.WaitForExit(30_000), $"{file} did not finish");
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task AKubernetesSecretVolumeDataSymlinkSwapIsPickedUpByThePoll()
    {
        if (!OperatingSystem.IsLinux()) return; // ln/mv -T
        using var root = new TempDirectory();
        var first = TestKeys.NewEc();
        var second = TestKeys.NewEc();
        // What the kubelet lays out: keys/..2026_12_01_a/es256.pem, keys/..data -> ..2026_12_01_a, keys/es256.pem -> ..data/es256.pem
        root.WriteFile("keys/..2026_12_01_a/es256.pem", first.PrivatePem);
        Run("ln", "-s", "..2026_12_01_a", root.Combine("keys", "..data"));
        Run("ln", "-s", "..data/es256.pem", root.Combine("keys", "es256.pem"));
        await using var host = await StartAsync(root, "keys/es256.pem");
        Assert.Equal(first.Thumbprint, new Jwt(host.Issuer.Issue("Access")).Kid);

        // The update: a new timestamped folder, a new ..data link renamed over the old one, the old folder removed.
        root.WriteFile("keys/..2026_12_01_b/es256.pem", second.PrivatePem);
        Run("ln", "-s", "..2026_12_01_b", root.Combine("keys", "..data_tmp"));
        Run("mv", "-T", root.Combine("keys", "..data_tmp"), root.Combine("keys", "..data"));
        Directory.Delete(root.Combine("keys", "..2026_12_01_a"), recursive: true);

        host.Clock.Advance(TimeSpan.FromSeconds(30));

        Assert.True(await SignsWithinAsync(host.Issuer, second.Thumbprint, TimeSpan.FromSeconds(30)), "the ..data swap was not picked up");
        var picked = Assert.Single(host.Logs.TokenIssuerEvents(10));
        Assert.Equal(LogLevel.Information, picked.Level);
        Assert.Contains(root.Combine("keys", "es256.pem"), picked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyFolderRemovedAndRecreatedIsPickedUpByThePoll()
    {
        using var root = new TempDirectory();
        var first = TestKeys.NewEc();
        var second = TestKeys.NewEc();
        root.WriteFile("keys/signing.pem", first.PrivatePem);
        await using var host = await StartAsync(root, "keys/signing.pem");

        Directory.Delete(root.Combine("keys"), recursive: true);
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        root.WriteFile("keys/signing.pem", second.PrivatePem);
        host.Clock.Advance(TimeSpan.FromSeconds(30));

        Assert.True(await SignsWithinAsync(host.Issuer, second.Thumbprint, TimeSpan.FromSeconds(30)), "the re-created folder was not picked up");
        // While the folder was gone the reload was rejected and the first key kept signing; nothing crashed.
        Assert.Contains(host.Logs.TokenIssuerEvents(3), r => r.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAtomicRenameIsPickedUpFromTheFileEvents()
    {
        using var root = new TempDirectory();
        var first = TestKeys.NewEc();
        var second = TestKeys.NewEc();
        root.WriteFile("keys/signing.pem", first.PrivatePem);
        await using var host = await StartAsync(root, "keys/signing.pem");

        // A dot-named temporary file renamed over the key, as many tools write.
        File.WriteAllText(root.Combine("keys", ".signing.pem.new"), second.PrivatePem);
        File.Move(root.Combine("keys", ".signing.pem.new"), root.Combine("keys", "signing.pem"), overwrite: true);

        Assert.True(await SignsWithinAsync(host.Issuer, second.Thumbprint, TimeSpan.FromSeconds(30)), "the renamed file was not picked up");
    }

    [Fact]
    public async Task AnInPlaceWriteIsPickedUpAndTheSameContentsWrittenAgainIsNoRotation()
    {
        using var root = new TempDirectory();
        var first = TestKeys.NewEc();
        var second = TestKeys.NewEc();
        string path = root.WriteFile("keys/signing.pem", first.PrivatePem);
        await using var host = await StartAsync(root, "keys/signing.pem");

        // Touching the file with the same key: no reload (contents are compared, not events trusted).
        File.WriteAllText(path, first.PrivatePem);
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(host.Logs.TokenIssuerEvents(10));

        File.WriteAllText(path, second.PrivatePem);
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await SignsWithinAsync(host.Issuer, second.Thumbprint, TimeSpan.FromSeconds(30)), "the rewritten file was not picked up");
    }

    [Fact]
    public async Task ThePollIntervalIsAnOption()
    {
        using var root = new TempDirectory();
        var first = TestKeys.NewEc();
        var second = TestKeys.NewEc();
        string path = root.WriteFile("keys/..data/signing.pem", first.PrivatePem);
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:File:PemFile"] = "keys/..data/signing.pem",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "File",
            ["JwtIssuer:KeyFilePollInterval"] = "2s",
        }, contentRoot: root.Path);
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);
        _ = host.Issuer.Issue("Access");

        File.WriteAllText(path, second.PrivatePem);
        host.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True(await SignsWithinAsync(host.Issuer, second.Thumbprint, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task APollIntervalThatIsNoDurationStopsStartUpWithoutEchoingIt()
    {
        var error = await TestHosts.StartFailsAsync(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:A:Pem"] = TestKeys.NewEc().PrivatePem,
            ["JwtIssuer:Profiles:Access:SigningKey"] = "A",
            ["JwtIssuer:KeyFilePollInterval"] = "every now and then",
        });

        string failure = Assert.Single(error.Failures);
        Assert.Equal("JwtIssuer:KeyFilePollInterval: the value (18 characters) is not a poll interval between 1 second and 1 day. Write a duration such as \"30s\" or \"2m\".", failure);
    }
}
