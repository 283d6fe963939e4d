using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace TokenIssuer.IntegrationTests;

/// <summary>
/// Builds real generic hosts (Host.CreateApplicationBuilder) with no default sources, so that nothing
/// from the machine (environment variables, appsettings in the test folder) leaks in: each test gives
/// its configuration, environment, content root and clock. Logs go to a <see cref="FakeLogCollector"/>.
/// </summary>
public static class Hosts
{
    /// <summary>The fixed clock: 2023-11-14T22:13:20.999Z, so the first token's iat is 1700000000.</summary>
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_999);

    public const long StartIat = 1_700_000_000;

    public static FakeTimeProvider Clock() => new(Start);

    public static HostApplicationBuilder Builder(
        IEnumerable<KeyValuePair<string, string?>>? configuration = null,
        string environment = "Production",
        string? contentRoot = null,
        TimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = environment,
            ContentRootPath = contentRoot ?? AppContext.BaseDirectory,
            ApplicationName = "TokenIssuer.IntegrationTests",
        });
        ((IConfigurationBuilder)builder.Configuration).Add(new TestConfigurationProvider(configuration ?? []));
        builder.Logging.AddFakeLogging();
        // Registered before AddJwtIssuer, which only TryAdds TimeProvider.System.
        builder.Services.AddSingleton<TimeProvider>(time ?? Clock());
        return builder;
    }

    public static async Task<TestHost> StartAsync(HostApplicationBuilder builder)
    {
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new TestHost(host);
    }

    /// <summary>Starts the host and returns the start-up validation failure it must raise.</summary>
    public static async Task<OptionsValidationException> StartFailsAsync(HostApplicationBuilder builder)
    {
        using var host = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }
}

/// <summary>A started host; stopped and disposed with <c>await using</c>.</summary>
public sealed class TestHost : IAsyncDisposable
{
    public TestHost(IHost host) => Host = host;

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public IJwtIssuer Issuer => Services.GetRequiredService<IJwtIssuer>();

    /// <summary>The internal singleton behind <see cref="IJwtIssuer"/>, for <c>Reload()</c>.</summary>
    internal JwtIssuer Runtime => Services.GetRequiredService<JwtIssuer>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public FakeTimeProvider Clock => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    /// <summary>The app configuration (a ConfigurationManager): set values, then <see cref="Reload"/>.</summary>
    public IConfigurationRoot Configuration => (IConfigurationRoot)Services.GetRequiredService<IConfiguration>();

    /// <summary>
    /// Changes configuration values (null removes the value), then reloads the configuration root, which
    /// raises its change token as a file provider does when appsettings.json changes.
    /// </summary>
    public void Reload(params (string Key, string? Value)[] changes)
    {
        var provider = Configuration.Providers.OfType<TestConfigurationProvider>().Single();
        foreach (var (key, value) in changes)
        {
            if (value is null) provider.Remove(key);
            else provider.Set(key, value);
        }
        Configuration.Reload();
    }

    public IReadOnlyList<FakeLogRecord> LogsWithId(int eventId) => Logs.GetSnapshot().Where(r => r.Id.Id == eventId).ToList();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync();
        }
        finally
        {
            Host.Dispose();
        }
    }
}
