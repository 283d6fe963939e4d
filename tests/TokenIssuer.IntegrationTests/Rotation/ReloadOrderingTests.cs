using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TokenIssuer.IntegrationTests.Rotation;

/// <summary>
/// A key-file reload and a configuration reload that overlap: the one that started first must not
/// overwrite the newer configuration when it finishes last. The file reload is held inside its compilation
/// for exactly as long as the test wants: a log sink blocks on the interchangeable-profiles warning that
/// only the old configuration (three profiles on the file key) produces, so the interleaving is forced, not timed.
/// (A FIFO used to hold the read; key files are now opened non-blocking and a FIFO is refused.)
/// </summary>
public sealed class ReloadOrderingTests
{
    [Fact]
    public async Task FileReloadFinishingAfterAConfigurationReloadDoesNotRevertIt()
    {
        using var root = new TempDirectory();
        var a = TestKeys.NewEc();
        var b = TestKeys.NewEc();
        var fileKey = TestKeys.NewEc();
        root.WriteFile("keys/file.pem", fileKey.PrivatePem);

        var gate = new GateLoggerProvider(eventId: 6);
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:A:Pem"] = a.PrivatePem,
            ["JwtIssuer:Keys:B:Pem"] = b.PrivatePem,
            ["JwtIssuer:Keys:File:PemFile"] = "keys/file.pem",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "A",
            ["JwtIssuer:Profiles:FromFile:SigningKey"] = "File",
            ["JwtIssuer:Profiles:FromFileTwin:SigningKey"] = "File",
        }, contentRoot: root.Path);
        builder.Logging.AddProvider(gate);
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);
        var issuer = host.Issuer;
        Assert.Equal(a.Thumbprint, new Jwt(issuer.Issue("Access")).Kid);

        // 1. A file reload starts (as the watcher would) and is held inside its compilation of the old configuration.
        gate.Arm();
        var fileReload = Task.Factory.StartNew(() => host.Runtime.Reload(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(await Task.Run(() => gate.Entered.Wait(TimeSpan.FromSeconds(30))), "the file reload did not reach its compilation");

        // 2. Meanwhile configuration changes: Access moves to key B, the file key and its profiles go away.
        //    (On another thread: a runtime that serialises reloads may make it wait for the file reload, which
        //    waits for this test to open the gate. The bounded wait costs nothing when it completes at once.)
        var configurationReload = Task.Run(() => host.Configuration.Change(("JwtIssuer:Profiles:Access:SigningKey", "B"), ("JwtIssuer:Keys:File:PemFile", null),
            ("JwtIssuer:Profiles:FromFile:SigningKey", null), ("JwtIssuer:Profiles:FromFileTwin:SigningKey", null)));
        if (await Task.WhenAny(configurationReload, Task.Delay(TimeSpan.FromSeconds(5))) == configurationReload)
        {
            await configurationReload;
            Assert.Equal(b.Thumbprint, new Jwt(issuer.Issue("Access")).Kid);
            Assert.Equal(new[] { "Access" }, issuer.Profiles);
        }

        // 3. The file reload goes on and finishes, last.
        gate.Open();
        await fileReload.WaitAsync(TimeSpan.FromSeconds(30));
        await configurationReload.WaitAsync(TimeSpan.FromSeconds(30));

        // The newer configuration must still be in force.
        Assert.Equal(new[] { "Access" }, issuer.Profiles);
        Assert.Equal(b.Thumbprint, new Jwt(issuer.Issue("Access")).Kid);
    }

    /// <summary>Once armed, the first TokenIssuer log line with the event id waits until the gate opens.</summary>
    private sealed class GateLoggerProvider(int eventId) : ILoggerProvider
    {
        private readonly ManualResetEventSlim _open = new(true);
        private int _armed;

        public ManualResetEventSlim Entered { get; } = new();

        public int EventId { get; } = eventId;

        public void Arm()
        {
            _open.Reset();
            Volatile.Write(ref _armed, 1);
        }

        public void Open() => _open.Set();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() => _open.Set();

        private sealed class Logger(GateLoggerProvider gate, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (id.Id != gate.EventId || !category.StartsWith("TokenIssuer", StringComparison.Ordinal)) return;
                if (Interlocked.Exchange(ref gate._armed, 0) == 0) return;
                gate.Entered.Set();
                gate._open.Wait(TimeSpan.FromSeconds(60));
            }
        }
    }
}
