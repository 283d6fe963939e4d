using System.Buffers.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using System.Diagnostics.Metrics;

namespace TokenIssuer.KeyManagement.Tests;

/// <summary>What a running app does with its managed keys: a reload that changes them, and the key-state gauge.</summary>
public class ManagedKeyReloadAndMetricsTests
{
    private const string ApplicationName = "managed-key-reload-tests";

    private static (IHost Host, FakeLogCollector Logs) Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production", ApplicationName = ApplicationName });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:signing:Managed:Algorithm"] = "ES256",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "signing",
            ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
        });
        var logs = new FakeLogCollector();
        builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        builder.Services.AddDataProtection().PersistKeysToFileSystem(TestKeys.NewFolder("reload-dp")).SetApplicationName(ApplicationName);
        builder.Services.AddJwtIssuer().PersistKeysToFileSystem(TestKeys.NewFolder("reload-store"));
        return (builder.Build(), logs);
    }

    private static string Kid(string token)
        => JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[0])).RootElement.GetProperty("kid").GetString()!;

    [Fact]
    public async Task AReloadThatChangesAManagedKeyIsRefusedAndTheKeyGoesOnSigning()
    {
        var (host, logs) = Build();
        using var _ = host;
        await host.StartAsync();
        var issuer = host.Services.GetRequiredService<IJwtIssuer>();
        string before = Kid(issuer.Issue("Access", new Dictionary<string, object?> { ["sub"] = "a" }));

        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["JwtIssuer:Keys:signing:Managed:RetentionTime"] = "30d";
        configuration.Reload();

        Assert.Contains(logs.GetSnapshot(), r => r.Message.Contains("JwtIssuer:Keys:signing:Managed: managed keys are set up when the app starts, and this one changed since. Restart the app", StringComparison.Ordinal));
        Assert.Equal(before, Kid(issuer.Issue("Access", new Dictionary<string, object?> { ["sub"] = "b" })));
        await host.StopAsync();
    }

    [Fact]
    public async Task TheMeterCountsManagedKeysByNameAndState()
    {
        var (host, _) = Build();
        using var __ = host;
        await host.StartAsync();
        using var collector = new MetricCollector<int>(host.Services.GetRequiredService<IMeterFactory>(), "TokenIssuer", "tokenissuer.keys");
        host.Services.GetRequiredService<IJwtIssuer>().Issue("Access", new Dictionary<string, object?> { ["sub"] = "a" }); // the meter lives with the issuer

        collector.RecordObservableInstruments();

        var measurements = collector.GetMeasurementSnapshot();
        int Count(string state) => Assert.Single(measurements, m => (string?)m.Tags["state"] == state && (string?)m.Tags["key"] == "signing").Value;
        Assert.Equal((0, 1, 0), (Count("announced"), Count("active"), Count("retired")));
        await host.StopAsync();
    }
}
