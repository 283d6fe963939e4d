using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;

namespace TokenIssuer;

/// <summary>
/// The key/value pairs of a configuration provider, all at once, where the provider is one of the framework's
/// own whose lookups are answered from that data (<see cref="ConfigurationProvider.TryGet"/> and
/// <see cref="ConfigurationProvider.GetChildKeys"/> not overridden) — what <see cref="ConfigurationSnapshot"/>
/// needs to read a section in one pass. <see cref="IConfigurationProvider"/> offers no way to list its keys
/// except one level at a time, which is what makes <c>GetChildren</c> quadratic.
/// </summary>
internal static class ConfigurationProviderData
{
    /// <summary>
    /// The framework providers that keep their data in <c>ConfigurationProvider.Data</c>, a case-insensitive
    /// dictionary, and answer every lookup from it. Named, not detected: a provider that overrides a lookup
    /// (to decrypt, to compute keys) must not be read behind its back, and an unknown one is read the slow way.
    /// </summary>
    private static readonly HashSet<string> PlainDataProviders = new(StringComparer.Ordinal)
    {
        "Microsoft.Extensions.Configuration.Memory.MemoryConfigurationProvider",
        "Microsoft.Extensions.Configuration.Json.JsonConfigurationProvider",
        "Microsoft.Extensions.Configuration.Json.JsonStreamConfigurationProvider",
        "Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationProvider",
        "Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationProvider",
        "Microsoft.Extensions.Configuration.Ini.IniConfigurationProvider",
        "Microsoft.Extensions.Configuration.Ini.IniStreamConfigurationProvider",
        "Microsoft.Extensions.Configuration.Xml.XmlConfigurationProvider",
        "Microsoft.Extensions.Configuration.Xml.XmlStreamConfigurationProvider",
        "Microsoft.Extensions.Configuration.KeyPerFile.KeyPerFileConfigurationProvider",
    };

    /// <summary>The type names of the providers read in one pass (for the tests that check each answers lookups from its data).</summary>
    public static IReadOnlyCollection<string> ProviderTypeNames => PlainDataProviders;

    /// <summary>
    /// The provider's data when it is one of <see cref="PlainDataProviders"/> and its dictionary compares keys
    /// as the framework's do (ordinal, ignoring case); otherwise false, and the caller reads the slow way.
    /// </summary>
    public static bool TryGet(IConfigurationProvider provider, out IEnumerable<KeyValuePair<string, string?>> data)
    {
        data = [];
        if (provider is not ConfigurationProvider plain) return false;
        var type = plain.GetType();
        if (type.FullName is not { } name || !PlainDataProviders.Contains(name)
            || type.Assembly.GetName().Name?.StartsWith("Microsoft.Extensions.Configuration", StringComparison.Ordinal) != true)
        {
            return false;
        }
        // A provider's Load replaces Data with a new dictionary, so the one read here stays whole while it is enumerated.
        if (Data(plain) is not Dictionary<string, string?> dictionary || !StringComparer.OrdinalIgnoreCase.Equals(dictionary.Comparer)) return false;
        data = dictionary;
        return true;
    }

    /// <summary>The root a framework <see cref="ConfigurationSection"/> reads from (it does not expose it); null when this runtime keeps it elsewhere.</summary>
    public static IConfigurationRoot? RootOf(ConfigurationSection section)
    {
        try
        {
            return Root(section);
        }
        catch (MissingFieldException)
        {
            return null;
        }
    }

    // The protected property every ConfigurationProvider keeps its pairs in (part of its contract with derived classes).
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Data")]
    private static extern IDictionary<string, string?> Data(ConfigurationProvider provider);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_root")]
    private static extern ref IConfigurationRoot Root(ConfigurationSection section);
}
