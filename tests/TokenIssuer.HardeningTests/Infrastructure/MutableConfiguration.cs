using Microsoft.Extensions.Configuration;

namespace TokenIssuer.HardeningTests;

/// <summary>
/// An in-memory configuration provider whose values can be changed and removed, then reloaded (which
/// raises the change token as a file provider does when appsettings.json changes).
/// </summary>
internal sealed class MutableConfiguration : ConfigurationProvider, IConfigurationSource
{
    public MutableConfiguration(IEnumerable<KeyValuePair<string, string?>>? values = null)
    {
        foreach (var (key, value) in values ?? []) Data[key] = value;
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>Applies the changes (null removes a value) and raises one reload for all of them.</summary>
    public void Change(params (string Key, string? Value)[] changes)
    {
        foreach (var (key, value) in changes)
        {
            if (value is null) Data.Remove(key);
            else Data[key] = value;
        }
        OnReload();
    }
}
