using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TokenIssuer;

/// <summary>
/// The issuer's health: <see cref="HealthStatus.Unhealthy"/> when the managed key store cannot be read (issuing goes
/// on with the keys loaded, but no key is created or deleted until it is back) or the managed keys have not loaded;
/// <see cref="HealthStatus.Degraded"/> when a managed key signs past its rotation time with no successor ready, or a
/// profile signs with a development key outside Development; <see cref="HealthStatus.Healthy"/> otherwise. The
/// description names the store, the key names and the profiles; never key material, never a connection string.
/// </summary>
internal sealed class JwtIssuerHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var issuer = (JwtIssuer)services.GetRequiredService<IJwtIssuer>();
        var managed = services.GetRequiredService<ManagedKeys>();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var environment = services.GetService<IHostEnvironment>();
        var options = services.GetRequiredService<IOptionsMonitor<JwtIssuerOptions>>().CurrentValue;
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var degraded = new List<string>();
        string storePart = "";

        if (options.Keys.Any(k => k.Value.Managed is not null))
        {
            var store = services.GetRequiredService<IJwtKeyStore>();
            data["store"] = store.Description;
            if (!managed.IsStarted)
            {
                return new HealthCheckResult(context.Registration.FailureStatus,
                    $"TokenIssuer's managed keys have not been loaded from {store.Description}: the host has not started, or start-up failed.", data: data);
            }

            try
            {
                await store.LoadKeysAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The exception goes with the result (for a response writer that chooses to show it); the
                // description says what it means for the app.
                return new HealthCheckResult(context.Registration.FailureStatus,
                    $"TokenIssuer cannot read its managed key store {store.Description} ({e.GetType().Name}): it signs with the keys it has and creates none until the store is back.", e, data);
            }

            var now = time.GetUtcNow();
            foreach (var (name, snapshot) in managed.Snapshots.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                var active = snapshot.Active;
                data[$"key:{name}"] = active.KeyId;
                if (!managed.Settings.TryGetValue(name, out var settings)) continue;
                var rotation = active.Created + settings.RotationInterval;
                bool successorReady = snapshot.Keys.Any(k => k.Created > active.Created && k.Activates <= now);
                if (now >= rotation && !successorReady)
                {
                    degraded.Add($"managed key \"{name}\" signs with {active.KeyId}, past its rotation time {rotation:O}, and no successor is ready " +
                        "(the store was unreachable when one was due, or it was created late and is still being announced)");
                }
            }

            storePart = $" managed keys {string.Join(", ", managed.Snapshots.Keys.Order(StringComparer.Ordinal))} in {store.Description};";
        }

        bool development = environment?.IsDevelopment() == true;
        string developmentKeys = Path.GetFullPath(DevelopmentKeyStore.DirectoryFor(options.DevelopmentKeysDirectory,
            environment?.ContentRootPath ?? AppContext.BaseDirectory, environment?.ApplicationName ?? "app"));
        var signing = issuer.SigningKeys;
        foreach (var (profile, keyName, file) in signing)
        {
            bool isDevelopmentKey = keyName.StartsWith("development:", StringComparison.Ordinal)
                || (file is not null && IsUnder(Path.GetFullPath(file), developmentKeys));
            if (isDevelopmentKey && !development)
            {
                degraded.Add($"profile \"{profile}\" signs with a development key{(file is null ? "" : $" ({file})")} outside Development; configure JwtIssuer:Keys with a key of its own");
            }
        }

        string summary = $"TokenIssuer:{storePart} {signing.Count} profile(s) signing ({string.Join(", ", signing.Select(s => s.Profile).Order(StringComparer.Ordinal))})";
        return degraded.Count > 0
            ? HealthCheckResult.Degraded($"{summary}. Degraded: {string.Join("; ", degraded)}.", data: data)
            : HealthCheckResult.Healthy(summary + ".", data);
    }

    private static bool IsUnder(string path, string directory)
    {
        string prefix = directory.EndsWith(Path.DirectorySeparatorChar) ? directory : directory + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
