using Microsoft.Extensions.Configuration;

namespace TokenIssuer.TestSupport;

/// <summary>
/// An in-memory configuration source whose values can be set and removed, then reloaded: a change raises
/// the change token as a file provider does when appsettings.json changes. (The stock in-memory provider
/// cannot remove a value, and a key set to null still shows up as an empty section.)
/// </summary>
public sealed class ReloadableConfiguration : ConfigurationProvider, IConfigurationSource
{
    public ReloadableConfiguration(IEnumerable<KeyValuePair<string, string?>>? values = null)
    {
        foreach (var (key, value) in values ?? []) Data[key] = value;
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>Applies the changes (a null value removes the key) and raises one reload for all of them.</summary>
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
