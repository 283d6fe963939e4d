using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TokenIssuer.TestSupport;

/// <summary>
/// Real generic hosts (Host.CreateApplicationBuilder) with no default sources, so that nothing from the
/// machine (environment variables, appsettings in the test folder) leaks in: each test gives its
/// configuration (a <see cref="ReloadableConfiguration"/>), environment, content root and clock
/// (<see cref="TestClock"/> unless given); every log line goes to a <see cref="CapturingLoggerProvider"/>.
/// </summary>
public static class TestHosts
{
    /// <summary>A builder without the issuer: the test adds <c>AddJwtIssuer</c> (or more) itself.</summary>
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
            ApplicationName = "TokenIssuer.Tests",
        });
        var source = new ReloadableConfiguration(configuration);
        ((IConfigurationBuilder)builder.Configuration).Add(source);
        builder.Services.AddSingleton(source);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(logs);
        // Registered before AddJwtIssuer, which only TryAdds TimeProvider.System.
        builder.Services.AddSingleton(time ?? TestClock.Create());
        return builder;
    }

    /// <summary>Builds and starts the host.</summary>
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

    /// <summary>Starts a host with <c>AddJwtIssuer()</c> bound to <paramref name="configuration"/>.</summary>
    public static Task<TestHost> StartAsync(IEnumerable<KeyValuePair<string, string?>> configuration, string environment = "Production", string? contentRoot = null)
        => StartAsync(WithIssuer(Builder(configuration, environment, contentRoot)));

    /// <summary>Starts the host and returns the start-up validation failure it must raise.</summary>
    public static async Task<OptionsValidationException> StartFailsAsync(HostApplicationBuilder builder)
    {
        using var host = builder.Build();
        return await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
    }

    /// <summary>Starts a host with <c>AddJwtIssuer()</c> that must fail validation, and returns the failure.</summary>
    public static Task<OptionsValidationException> StartFailsAsync(IEnumerable<KeyValuePair<string, string?>> configuration, string environment = "Production", string? contentRoot = null)
        => StartFailsAsync(WithIssuer(Builder(configuration, environment, contentRoot)));

    private static HostApplicationBuilder WithIssuer(HostApplicationBuilder builder)
    {
        builder.Services.AddJwtIssuer();
        return builder;
    }
}
