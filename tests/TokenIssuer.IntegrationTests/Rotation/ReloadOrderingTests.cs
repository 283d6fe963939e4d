using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.IntegrationTests.Rotation;

/// <summary>
/// A key-file reload and a configuration reload that overlap: the one that started first must not
/// overwrite the newer configuration when it finishes last. A FIFO as the PemFile holds the file reload
/// inside its read for exactly as long as the test wants, so the interleaving is forced, not timed.
/// </summary>
public sealed class ReloadOrderingTests
{
    [Fact]
    public async Task FileReloadFinishingAfterAConfigurationReloadDoesNotRevertIt()
    {
        if (!OperatingSystem.IsLinux()) return; // needs mkfifo

        using var root = new TempDirectory();
        Directory.CreateDirectory(root.Combine("keys"));
        string fifo = root.Combine("keys", "file.pem");
        using (var mkfifo = Process.Start("mkfifo", ["-m", "600", fifo]))
        {
            await mkfifo.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, mkfifo.ExitCode);
        }
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        var fileKey = TestKeys.NewEc();

        // Start-up reads the FIFO once: feed it from another thread.
        var startupWriter = Task.Factory.StartNew(() => File.WriteAllText(fifo, fileKey.PrivatePem), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:A:Pem"] = a.PrivatePem,
            ["JwtIssuer:Keys:B:Pem"] = b.PrivatePem,
            ["JwtIssuer:Keys:File:PemFile"] = "keys/file.pem",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "A",
            ["JwtIssuer:Profiles:FromFile:SigningKey"] = "File",
        }, contentRoot: root.Path);
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);
        await startupWriter.WaitAsync(TimeSpan.FromSeconds(30));
        var issuer = host.Issuer;
        Assert.Equal(a.Thumbprint, new Jwt(issuer.Issue("Access")).Kid);

        // 1. A file reload starts (as the watcher would) and blocks reading the key file.
        var fileReload = Task.Factory.StartNew(() => host.Runtime.Reload(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // Opening the FIFO for writing returns once the reload has opened it for reading.
        await using var writer = await Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write)).WaitAsync(TimeSpan.FromSeconds(30));

        // 2. Meanwhile configuration changes: Access moves to key B, the file key and its profile go away.
        //    (On another thread: a runtime that serialises reloads may make it wait for the file reload, which
        //    waits for this test to write the key. The bounded wait costs nothing when it completes at once.)
        var configurationReload = Task.Run(() => host.Configuration.Change(("JwtIssuer:Profiles:Access:SigningKey", "B"), ("JwtIssuer:Keys:File:PemFile", null), ("JwtIssuer:Profiles:FromFile:SigningKey", null)));
        if (await Task.WhenAny(configurationReload, Task.Delay(TimeSpan.FromSeconds(5))) == configurationReload)
        {
            await configurationReload;
            Assert.Equal(b.Thumbprint, new Jwt(issuer.Issue("Access")).Kid);
            Assert.Equal(new[] { "Access" }, issuer.Profiles);
        }

        // 3. The file reload gets its key and finishes, last.
        await writer.WriteAsync(System.Text.Encoding.UTF8.GetBytes(fileKey.PrivatePem));
        await writer.DisposeAsync();
        await fileReload.WaitAsync(TimeSpan.FromSeconds(30));
        await configurationReload.WaitAsync(TimeSpan.FromSeconds(30));

        // The newer configuration must still be in force.
        Assert.Equal(new[] { "Access" }, issuer.Profiles);
        Assert.Equal(b.Thumbprint, new Jwt(issuer.Issue("Access")).Kid);
    }
}
