using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace TokenIssuer.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The sample web app in memory: environment Development (unless told otherwise), a per-test development-keys
/// directory (never the user's real one), a <see cref="FakeTimeProvider"/> as the app's <see cref="TimeProvider"/>
/// (the issuer and the JwtBearer lifetime check both read it), and an in-memory configuration source that a test
/// can change and reload while the app runs.
/// </summary>
public sealed class SampleAppFactory : WebApplicationFactory<Program>
{
    /// <summary>A fixed instant, so token timestamps are the same on every run.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly MutableConfigurationSource _configuration;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly bool _ownsKeysDirectory;

    /// <param name="keysDirectory">
    /// The development-keys directory; by default a fresh one under the temp directory, deleted on dispose.
    /// Two factories given the same directory share their development keys (a restart of the same app).
    /// </param>
    /// <param name="settings">Configuration over the sample's appsettings.json (keys are "JwtIssuer:…" paths).</param>
    /// <param name="start">The fake clock's start.</param>
    /// <param name="environment">The host environment.</param>
    /// <param name="configureServices">Runs in ConfigureTestServices, after the sample's own registrations.</param>
    public SampleAppFactory(string? keysDirectory = null, IReadOnlyDictionary<string, string?>? settings = null,
        DateTimeOffset? start = null, string environment = "Development", Action<IServiceCollection>? configureServices = null)
    {
        _ownsKeysDirectory = keysDirectory is null;
        KeysDirectory = keysDirectory ?? NewTempDirectory();
        Time = new FakeTimeProvider(start ?? DefaultStart);
        _environment = environment;
        _configureServices = configureServices;
        var initial = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["JwtIssuer:DevelopmentKeysDirectory"] = KeysDirectory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) initial[key] = value;
        _configuration = new MutableConfigurationSource(initial);
    }

    /// <summary>The app's clock.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>Where this app keeps its development keys.</summary>
    public string KeysDirectory { get; }

    /// <summary>A directory path under the temp directory that does not exist yet (as on a fresh machine).</summary>
    public static string NewTempDirectory()
        => Path.Combine(Path.GetTempPath(), "tokenissuer-aspnetcore-tests", Guid.NewGuid().ToString("n"));

    /// <summary>Changes configuration values (null removes one) and raises the configuration's reload, as a changed appsettings file would.</summary>
    public void Reconfigure(IReadOnlyDictionary<string, string?> changes) => _configuration.Provider.SetAndReload(changes);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.ConfigureAppConfiguration(configuration => configuration.Add(_configuration));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            // A first start on an empty store waits a synchronisation delay on the app's clock, which the fake
            // clock never lets pass: one instance has nothing to wait for.
            services.AddSingleton(new ManagedKeyManagerOptions { SynchronizationDelay = TimeSpan.Zero });
            // The sample's managed key and Data Protection keys in this app's folder too, never the user's local app
            // data (the same one-line calls as Program.cs; the last registration wins).
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(KeysDirectory, "sample-data", "data-protection-keys")));
            services.AddJwtIssuer().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(KeysDirectory, "sample-data", "signing-keys")));
            _configureServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsKeysDirectory) DeleteDirectory(KeysDirectory);
    }

    public static void DeleteDirectory(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>An in-memory configuration source whose single provider can be changed and reloaded.</summary>
    private sealed class MutableConfigurationSource(IDictionary<string, string?> initial) : IConfigurationSource
    {
        public MutableConfigurationProvider Provider { get; } = new(initial);

        // The same provider every time: the host may build its sources more than once.
        public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
    }

    private sealed class MutableConfigurationProvider : ConfigurationProvider
    {
        public MutableConfigurationProvider(IDictionary<string, string?> initial)
        {
            foreach (var (key, value) in initial) Data[key] = value;
        }

        public void SetAndReload(IReadOnlyDictionary<string, string?> changes)
        {
            foreach (var (key, value) in changes)
            {
                if (value is null) Data.Remove(key);
                else Data[key] = value;
            }
            OnReload();
        }
    }
}
