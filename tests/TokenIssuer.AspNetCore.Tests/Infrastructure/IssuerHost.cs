using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TokenIssuer.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A minimal app of the test's own on TestServer (not the sample): configuration only from the test's settings
/// ("JwtIssuer:…" paths), <c>AddJwtIssuer()</c>, the test's services and endpoints, and a captured log.
/// </summary>
public sealed class IssuerHost : IAsyncDisposable
{
    private readonly string? _keysDirectory;

    private IssuerHost(WebApplication app, LogCapture logs, ReloadableSettings settings, string? keysDirectory)
    {
        App = app;
        Logs = logs;
        Settings = settings;
        _keysDirectory = keysDirectory;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public LogCapture Logs { get; }

    /// <summary>The app's configuration, to change while it runs.</summary>
    public ReloadableSettings Settings { get; }

    public IJwtIssuer Issuer => App.Services.GetRequiredService<IJwtIssuer>();

    /// <summary>A handler that sends any request (whatever its host) to this app, for another app's backchannel.</summary>
    public HttpMessageHandler CreateHandler() => App.GetTestServer().CreateHandler();

    /// <summary>Builds and starts the app; on failure, disposes what was built and rethrows (the start-up error).</summary>
    /// <param name="settings">The whole configuration.</param>
    /// <param name="environment">The host environment (Production unless told).</param>
    /// <param name="configure">Services: authentication schemes, authorization, options.</param>
    /// <param name="map">Endpoints, after UseAuthentication and UseAuthorization.</param>
    /// <param name="middleware">Middleware before authentication (e.g. forwarded headers).</param>
    /// <param name="addJwtIssuer">False to leave out <c>AddJwtIssuer()</c> (an app that forgot it).</param>
    public static async Task<IssuerHost> StartAsync(IReadOnlyDictionary<string, string?> settings, string environment = "Production",
        Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null, Action<WebApplication>? middleware = null,
        bool addJwtIssuer = true)
    {
        var logs = new LogCapture();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        var configuration = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);
        string? keysDirectory = null;
        if (environment == "Development" && !configuration.ContainsKey("JwtIssuer:DevelopmentKeysDirectory"))
        {
            configuration["JwtIssuer:DevelopmentKeysDirectory"] = keysDirectory = SampleAppFactory.NewTempDirectory();
        }
        var reloadable = new ReloadableSettings(configuration);
        ((IConfigurationBuilder)builder.Configuration).Add(reloadable);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);

        if (addJwtIssuer) builder.Services.AddJwtIssuer();
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        // Only the profiles of this test: attribute profiles that other assemblies in the test process
        // registered (the sample's [JwtProfile("Refresh")]) would otherwise join every host.
        var declared = DeclaredProfiles(configuration);
        builder.Services.PostConfigure<JwtIssuerOptions>(options =>
        {
            foreach (string name in options.Profiles.Keys.Where(p => !declared.Contains(p)).ToArray()) options.Profiles.Remove(name);
        });
        configure?.Invoke(builder);

        WebApplication? app = null;
        try
        {
            app = builder.Build();
            middleware?.Invoke(app);
            app.UseAuthentication();
            app.UseAuthorization();
            map?.Invoke(app);
            await app.StartAsync();
            return new IssuerHost(app, logs, reloadable, keysDirectory);
        }
        catch
        {
            if (app is not null) await app.DisposeAsync();
            if (keysDirectory is not null) SampleAppFactory.DeleteDirectory(keysDirectory);
            throw;
        }
    }

    /// <summary>Configuration from (path, value) pairs, e.g. <c>("JwtIssuer:Profiles:Access:Issuer", "https://…")</c>.</summary>
    public static Dictionary<string, string?> Configuration(params (string Path, string? Value)[] entries)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, value) in entries) settings[path] = value;
        return settings;
    }

    private static HashSet<string> DeclaredProfiles(IReadOnlyDictionary<string, string?> settings)
    {
        const string prefix = "JwtIssuer:Profiles:";
        return settings.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(k => k[prefix.Length..].Split(':')[0])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        if (_keysDirectory is not null) SampleAppFactory.DeleteDirectory(_keysDirectory);
    }
}
