using Microsoft.Extensions.Configuration;

namespace TokenIssuer.AspNetCore.Tests.Infrastructure;

/// <summary>In-memory configuration that a test changes while the app runs, raising a reload as a saved appsettings file would.</summary>
public sealed class ReloadableSettings(IReadOnlyDictionary<string, string?> initial) : IConfigurationSource
{
    private readonly Provider _provider = new(initial);

    // The same provider every time: the host may build its sources more than once.
    public IConfigurationProvider Build(IConfigurationBuilder builder) => _provider;

    /// <summary>Sets values (null removes one) and reloads.</summary>
    public void Change(params (string Path, string? Value)[] changes) => _provider.SetAndReload(changes);

    private sealed class Provider : ConfigurationProvider
    {
        public Provider(IReadOnlyDictionary<string, string?> initial)
        {
            foreach (var (key, value) in initial) Data[key] = value;
        }

        public void SetAndReload((string Path, string? Value)[] changes)
        {
            foreach (var (path, value) in changes)
            {
                if (value is null) Data.Remove(path);
                else Data[path] = value;
            }
            OnReload();
        }
    }
}
