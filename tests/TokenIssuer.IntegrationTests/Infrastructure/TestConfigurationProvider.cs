using Microsoft.Extensions.Configuration;

namespace TokenIssuer.IntegrationTests;

/// <summary>
/// An in-memory configuration provider whose values can also be removed (the stock in-memory provider
/// can only set them, and a key set to null still shows up as an empty section).
/// </summary>
internal sealed class TestConfigurationProvider : ConfigurationProvider, IConfigurationSource
{
    public TestConfigurationProvider(IEnumerable<KeyValuePair<string, string?>> values)
    {
        foreach (var (key, value) in values) Data[key] = value;
    }

    public void Remove(string key) => Data.Remove(key);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
}
