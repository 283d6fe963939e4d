using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace TokenIssuer.TestSupport;

/// <summary>A host started by <see cref="TestHosts"/>; stopped and disposed with <c>await using</c>.</summary>
public sealed class TestHost(IHost host) : IAsyncDisposable
{
    public IHost Host { get; } = host;

    public IServiceProvider Services => Host.Services;

    public IJwtIssuer Issuer => Services.GetRequiredService<IJwtIssuer>();

    /// <summary>The host's configuration source: <see cref="ReloadableConfiguration.Change"/> sets values and reloads.</summary>
    public ReloadableConfiguration Configuration => Services.GetRequiredService<ReloadableConfiguration>();

    public CapturingLoggerProvider Logs => Services.GetRequiredService<CapturingLoggerProvider>();

    /// <summary>The host's clock (the <see cref="TestClock"/> unless the test gave another <see cref="FakeTimeProvider"/>).</summary>
    public FakeTimeProvider Clock => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

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
