using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TokenIssuer.IntegrationTests.Rotation;

/// <summary>
/// Failures stay inside: a reload that throws is logged and the last good profiles stay (no exception out of
/// a configuration change, none on a thread-pool item), a PemFile that is a FIFO or a huge file is refused
/// without blocking or reading it whole, and Issue() after the issuer is disposed throws at once.
/// </summary>
public sealed class ReloadFailureTests
{
    [Fact]
    public async Task AReloadThatThrowsIsLoggedAndTheLastGoodProfilesStay()
    {
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        var sink = new ThrowingLoggerProvider(eventId: 6);
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:A:Pem"] = a.PrivatePem,
            ["JwtIssuer:Keys:B:Pem"] = b.PrivatePem,
            ["JwtIssuer:Profiles:Access:SigningKey"] = "A",
        });
        builder.Logging.AddProvider(sink);
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);
        Assert.Equal(a.Thumbprint, new Jwt(host.Issuer.Issue("Access")).Kid);

        // A log sink that fails while the new configuration is compiled (two interchangeable profiles are warned about).
        sink.Armed = true;
        host.Configuration.Change(("JwtIssuer:Profiles:Access:SigningKey", "B"), ("JwtIssuer:Profiles:Twin:SigningKey", "B"));
        host.Runtime.Reload();

        Assert.Equal(a.Thumbprint, new Jwt(host.Issuer.Issue("Access")).Kid);
        Assert.Equal(new[] { "Access" }, host.Issuer.Profiles);
        var failed = host.Logs.TokenIssuerEvents(9);
        Assert.NotEmpty(failed);
        Assert.All(failed, f => Assert.Equal(LogLevel.Error, f.Level));
        Assert.Contains(failed, f => f.Exception is not null && f.Exception.Contains("the log sink failed", StringComparison.Ordinal));
        Assert.Contains(host.Logs.TokenIssuerEvents(3), r => r.Message.Contains("could not be compiled", StringComparison.Ordinal));

        // Once the sink works again, the next change applies.
        sink.Armed = false;
        host.Configuration.Change(("JwtIssuer:Profiles:Twin:Audience", "other"));
        Assert.Equal(b.Thumbprint, new Jwt(host.Issuer.Issue("Access")).Kid);
    }

    [Theory]
    [InlineData(10)] // logging the change throws: outside the reload, on the poll's (or a file event's) thread
    [InlineData(6)] // the reload itself throws (logging the interchangeable-profiles warning while compiling)
    public async Task AKeyFileChangeWhoseReloadThrowsIsLoggedKeepsTheLastGoodKeyAndIsTriedAgainAtTheNextPoll(int failingEvent)
    {
        using var root = new TempDirectory();
        var first = TestKeys.NewEc();
        var second = TestKeys.NewEc();
        root.WriteFile("keys/signing.pem", first.PrivatePem);
        var sink = new ThrowingLoggerProvider(failingEvent);
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:KeyFilePollInterval"] = "10s",
            ["JwtIssuer:Keys:File:PemFile"] = "keys/signing.pem",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "File",
            ["JwtIssuer:Profiles:Twin:SigningKey"] = "File",
        }, contentRoot: root.Path);
        builder.Logging.AddProvider(sink);
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);
        Assert.Equal(first.Thumbprint, new Jwt(host.Issuer.Issue("Access")).Kid);

        sink.Armed = true;
        root.WriteFile("keys/signing.pem", second.PrivatePem);
        host.Clock.Advance(TimeSpan.FromSeconds(10)); // the poll sees the new file (a file event may see it first, on the thread pool)
        int failure = failingEvent == 10 ? 14 : 9;    // "could not check its key files" / "reload failed"
        Assert.True(await LoggedWithinAsync(host, failure, TimeSpan.FromSeconds(30)), $"no TokenIssuer log {failure} after the failing reload");
        Assert.Equal(first.Thumbprint, new Jwt(host.Issuer.Issue("Access")).Kid);

        // The change was not applied, so it was not taken as seen: the next poll applies it.
        sink.Armed = false;
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await KeyFileLayoutTests.SignsWithinAsync(host.Issuer, second.Thumbprint, TimeSpan.FromSeconds(30)), "the new key file was never picked up after the failed reload");
    }

    private static async Task<bool> LoggedWithinAsync(TestHost host, int eventId, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (host.Logs.TokenIssuerEvents(eventId).Any()) return true;
            await Task.Delay(20);
        }
        return false;
    }

    [Fact]
    public async Task IssueAfterTheIssuerIsDisposedThrowsObjectDisposedException()
    {
        var host = await TestHosts.StartAsync(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:A:Pem"] = TestKeys.NewEc().PrivatePem,
            ["JwtIssuer:Profiles:Access:SigningKey"] = "A",
        });
        var issuer = host.Issuer;
        await host.DisposeAsync();

        // Bounded: the old code spun here forever.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Task.Run(() => issuer.Issue("Access")).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task APemFileThatIsAFifoIsRefusedWithoutBlocking()
    {
        if (!OperatingSystem.IsLinux()) return; // mkfifo
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.Combine("keys"));
        string fifo = root.Combine("keys", "signing.pem");
        using (var mkfifo = Process.Start("mkfifo", ["-m", "600", fifo]))
        {
            await mkfifo.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var error = await TestHosts.StartFailsAsync(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:File:PemFile"] = "keys/signing.pem",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "File",
        }, contentRoot: root.Path).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(error.Failures, f => f.StartsWith($"JwtIssuer:Keys:File:PemFile: the file \"{fifo}\" is not a regular file (it is a FIFO, socket or device).", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AHugePemFileIsRefusedAtStartUpAndOnReload()
    {
        using var root = new TempDirectory();
        var key = TestKeys.NewEc();
        string path = root.WriteFile("keys/signing.pem", key.PrivatePem);
        string huge = root.WriteFile("keys/huge.pem", key.PrivatePem);
        using (var stream = new FileStream(huge, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(KeyFileReader.MaxBytes + 1); // sparse: nothing is written
        }

        var error = await TestHosts.StartFailsAsync(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:File:PemFile"] = "keys/huge.pem",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "File",
        }, contentRoot: root.Path);
        Assert.Contains(error.Failures, f => f == $"JwtIssuer:Keys:File:PemFile: the file \"{huge}\" is larger than 1 MiB; a PEM key is a few kilobytes. Point PemFile at the key file.");

        await using var host = await TestHosts.StartAsync(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:File:PemFile"] = "keys/signing.pem",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "File",
        }, contentRoot: root.Path);
        Assert.Equal(key.Thumbprint, new Jwt(host.Issuer.Issue("Access")).Kid);
        File.Copy(huge, path, overwrite: true);
        host.Runtime.Reload();

        Assert.Contains(host.Logs.TokenIssuerEvents(3), r => r.Message.Contains("is larger than 1 MiB", StringComparison.Ordinal));
        Assert.Equal(key.Thumbprint, new Jwt(host.Issuer.Issue("Access")).Kid);
    }

    /// <summary>Throws from the TokenIssuer log line with the event id while armed, as a broken log sink would.</summary>
    private sealed class ThrowingLoggerProvider(int eventId) : ILoggerProvider
    {
        public volatile bool Armed;

        public int EventId { get; } = eventId;

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ThrowingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (provider.Armed && id.Id == provider.EventId && category.StartsWith("TokenIssuer", StringComparison.Ordinal)) throw new InvalidOperationException("the log sink failed");
            }
        }
    }
}
