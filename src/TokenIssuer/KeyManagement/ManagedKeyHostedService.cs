using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TokenIssuer;

/// <summary>
/// Starts the managed keys with the host, in <see cref="StartingAsync"/>, before any hosted service starts (the web
/// server among them): the first request already finds the keys loaded and published. A store that cannot be read
/// on this first start fails the start with a message naming it. Stops them after the server has drained.
/// </summary>
internal sealed class ManagedKeyHostedService(ManagedKeys keys, IOptionsMonitor<JwtIssuerOptions> options) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var current = options.CurrentValue; // validated at start-up, before hosted services start
        var settings = new Dictionary<string, ManagedKeySettings>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var (name, key) in current.Keys)
        {
            if (key.Managed is null) continue;
            if (ManagedKeySettings.TryCreate(key.Managed, ManagedKeyPlanning.Path(current, name), out var parsed, out var found)) settings[name] = parsed;
            else problems.AddRange(found);
        }

        if (problems.Count > 0) throw new JwtIssuerConfigurationException(problems);
        return keys.StartAsync(settings, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => keys.StopAsync();
}
