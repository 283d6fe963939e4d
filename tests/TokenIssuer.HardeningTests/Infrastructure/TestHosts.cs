using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace TokenIssuer.HardeningTests;

/// <summary>
/// Generic hosts with no default sources (nothing from the machine leaks in): in-memory configuration
/// that can be changed and reloaded, a fixed clock, and every log line captured.
/// </summary>
internal static class TestHosts
{
    /// <summary>2023-11-14T22:13:20.999Z: the first token's iat is 1700000000.</summary>
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_999);

    public const long StartIat = 1_700_000_000;

    public static HostApplicationBuilder Builder(IEnumerable<KeyValuePair<string, string?>> configuration, string environment = "Production", string? contentRoot = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = environment,
            ContentRootPath = contentRoot ?? AppContext.BaseDirectory,
            ApplicationName = "TokenIssuer.HardeningTests",
        });
        var provider = new MutableConfiguration(configuration);
        ((IConfigurationBuilder)builder.Configuration).Add(provider);
        builder.Services.AddSingleton(provider);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(logs);
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
        return builder;
    }

    public static async Task<RunningHost> StartAsync(IEnumerable<KeyValuePair<string, string?>> configuration, string environment = "Production", string? contentRoot = null)
    {
        var builder = Builder(configuration, environment, contentRoot);
        builder.Services.AddJwtIssuer();
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
        return new RunningHost(host);
    }

    /// <summary>Starts a host that must fail validation, and returns the failure.</summary>
    public static async Task<OptionsValidationException> StartFailsAsync(IEnumerable<KeyValuePair<string, string?>> configuration, string environment = "Production", string? contentRoot = null)
    {
        var builder = Builder(configuration, environment, contentRoot);
        builder.Services.AddJwtIssuer();
        using var host = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }
}

internal sealed class RunningHost(IHost host) : IAsyncDisposable
{
    public IHost Host { get; } = host;

    public IServiceProvider Services => Host.Services;

    public IJwtIssuer Issuer => Services.GetRequiredService<IJwtIssuer>();

    /// <summary>The internal singleton behind <see cref="IJwtIssuer"/> (for <c>Reload()</c>).</summary>
    public JwtIssuer Runtime => Services.GetRequiredService<JwtIssuer>();

    public MutableConfiguration Configuration => Services.GetRequiredService<MutableConfiguration>();

    public CapturingLoggerProvider Logs => Services.GetRequiredService<CapturingLoggerProvider>();

    /// <summary>The signing plans the issuer currently signs from (the cached compilation of the current options).</summary>
    public PlanSet CurrentPlans
    {
        get
        {
            var options = Services.GetRequiredService<IOptionsMonitor<JwtIssuerOptions>>().CurrentValue;
            return Services.GetRequiredService<CompiledProfiles>().GetOrCompile(options).Plans!;
        }
    }

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
