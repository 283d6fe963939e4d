using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace TokenIssuer;

/// <summary>
/// One section of a <see cref="ConfigurationSnapshot"/>: its key, path and value as the framework's section at
/// that path has them, and its children already found and sorted, so that walking the tree costs nothing more.
/// Read-only: walking it gives what configuration said when the snapshot was taken (a change arrives as a new
/// snapshot); a section or value asked for by name is the framework's.
/// </summary>
internal sealed class SnapshotSection(string key, string path, IConfigurationRoot root) : IConfigurationSection
{
    private static readonly List<SnapshotSection> NoChildren = [];

    private Dictionary<string, SnapshotSection>? _byKey;
    private List<SnapshotSection> _children = NoChildren;
    private string? _value;

    public string Key { get; } = key;

    public string Path { get; } = path;

    public string? Value
    {
        get => _value;
        set => throw ReadOnly();
    }

    /// <summary>The framework's answer (see <see cref="GetSection"/>).</summary>
    public string? this[string key]
    {
        get => root[ConfigurationPath.Combine(Path, key)];
        set => throw ReadOnly();
    }

    /// <summary>Walking the tree is read from the snapshot.</summary>
    public IEnumerable<IConfigurationSection> GetChildren() => _children;

    /// <summary>
    /// The framework's own section at that path: it spells the path as asked, which a node of the snapshot
    /// (spelt as configuration has it) would not. The reader only walks; it never asks for a section by name.
    /// </summary>
    public IConfigurationSection GetSection(string key) => root.GetSection(ConfigurationPath.Combine(Path, key));

    /// <summary>The root's: a change to configuration is announced as it is for the framework's sections.</summary>
    public IChangeToken GetReloadToken() => root.GetReloadToken();

    /// <summary>
    /// The child whose key is <paramref name="segment"/> (ignoring case, as configuration keys compare), added
    /// if new; null when it exists written in another case, where the framework's choice of spelling is not
    /// one the snapshot can repeat.
    /// </summary>
    internal SnapshotSection? Child(ReadOnlySpan<char> segment)
    {
        _byKey ??= new(StringComparer.OrdinalIgnoreCase);
        var lookup = _byKey.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(segment, out var existing)) return segment.SequenceEqual(existing.Key) ? existing : null;
        string childKey = segment.ToString();
        var child = new SnapshotSection(childKey, string.Concat(Path, ConfigurationPath.KeyDelimiter, childKey), root);
        _byKey.Add(childKey, child);
        if (ReferenceEquals(_children, NoChildren)) _children = [];
        _children.Add(child);
        return child;
    }

    /// <summary>A later provider's value replaces an earlier one's, null included, as the root's lookup goes.</summary>
    internal void SetValue(string? value) => _value = value;

    /// <summary>
    /// Puts every section's children in the framework's order (<see cref="ConfigurationKeyComparer"/>); false when
    /// two of them compare equal ("1" and "01"), whose order the framework leaves to its sort.
    /// </summary>
    internal bool SortChildren()
    {
        var pending = new Stack<SnapshotSection>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var section = pending.Pop();
            var children = section._children;
            if (children.Count > 1)
            {
                children.Sort(static (a, b) => ConfigurationKeyComparer.Instance.Compare(a.Key, b.Key));
                for (int i = 1; i < children.Count; i++)
                {
                    if (ConfigurationKeyComparer.Instance.Compare(children[i - 1].Key, children[i].Key) == 0) return false;
                }
            }
            foreach (var child in children) pending.Push(child);
        }
        return true;
    }

    private static NotSupportedException ReadOnly()
        => new("The JwtIssuer section is read from a snapshot of configuration; set values on the configuration itself.");
}
