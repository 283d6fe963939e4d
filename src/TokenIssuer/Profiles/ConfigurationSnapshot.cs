using Microsoft.Extensions.Configuration;

namespace TokenIssuer;

/// <summary>
/// A configuration section read in one pass: every provider's pairs under the section are walked once and
/// built into a tree of <see cref="SnapshotSection"/>s, in time linear in the number of keys.
/// </summary>
/// <remarks>
/// <para>
/// Why: the framework's <c>GetChildren</c> asks every provider to scan all its keys, at every level, so
/// reading 400 profiles (a few thousand keys) that way is quadratic and takes tens of milliseconds
/// (docs/benchmarks.md). The snapshot answers exactly what the framework's sections would: the same keys
/// and paths, the value of the last provider that has a key (null included), children in
/// <see cref="ConfigurationKeyComparer"/> order, keys compared ignoring case.
/// </para>
/// <para>
/// When it cannot promise that, there is no snapshot and the caller walks the section as before: a section
/// that is not the framework's, a provider that is not one of the framework's plain ones
/// (<see cref="ConfigurationProviderData"/>), or a spelling whose outcome depends on the framework's sort (the
/// same key in two cases, or two keys such as "1" and "01" that compare equal).
/// </para>
/// </remarks>
internal static class ConfigurationSnapshot
{
    /// <summary>The snapshot of <paramref name="configuration"/>, or null where it cannot answer as the framework's section would.</summary>
    public static IConfigurationSection? TryTake(IConfiguration configuration)
    {
        if (configuration.GetType() != typeof(ConfigurationSection)) return null;
        var section = (ConfigurationSection)configuration;
        if (ConfigurationProviderData.RootOf(section) is not { } root) return null;

        string path = section.Path;
        var top = new SnapshotSection(section.Key, path, root);
        foreach (var provider in root.Providers)
        {
            if (!ConfigurationProviderData.TryGet(provider, out var data)) return null;
            foreach (var (key, value) in data)
            {
                // Only the keys under the section: "path:...", compared ignoring case as GetChildKeys does.
                if (key.Length <= path.Length)
                {
                    if (key.Length == path.Length && key.Equals(path, StringComparison.OrdinalIgnoreCase)) top.SetValue(value);
                    continue;
                }
                if (key[path.Length] != ConfigurationPath.KeyDelimiter[0] || !key.StartsWith(path, StringComparison.OrdinalIgnoreCase)) continue;

                var node = top;
                int start = path.Length + 1;
                while (true)
                {
                    int end = key.IndexOf(ConfigurationPath.KeyDelimiter[0], start);
                    var segment = end < 0 ? key.AsSpan(start) : key.AsSpan(start, end - start);
                    if (node.Child(segment) is not { } child) return null;
                    node = child;
                    if (end < 0) break;
                    start = end + 1;
                }
                node.SetValue(value);
            }
        }
        return top.SortChildren() ? top : null;
    }
}
