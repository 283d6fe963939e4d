namespace TokenIssuer;

/// <summary>
/// A profile name resolved once, so that issuing finds the profile by an index instead of looking its name
/// up per token. The generated <c>Issue{Profile}</c> methods keep one per profile; any caller can do the
/// same with <see cref="For"/>. A key stays valid across configuration reloads and for every issuer: it
/// names a profile, it does not hold one.
/// </summary>
public sealed class JwtProfileKey
{
    // Every profile name ever resolved, by name (profile names ignore case, as configuration keys do). The
    // plan sets map these indexes to their plans when they are built. Names come from configuration and
    // code, so the table stays as small as the set of profile names the app knows.
    private static readonly Dictionary<string, JwtProfileKey> Keys = new(StringComparer.OrdinalIgnoreCase);
    private static readonly object KeysLock = new();

    private JwtProfileKey(string name, int index)
    {
        Name = name;
        Index = index;
    }

    /// <summary>The profile name (as first resolved; profile names ignore case).</summary>
    public string Name { get; }

    /// <summary>The key's place in every plan set's index (0, 1, 2, … in order of first use).</summary>
    internal int Index { get; }

    /// <summary>The key of the profile <paramref name="name"/>: the same instance for the same name (ignoring case).</summary>
    public static JwtProfileKey For(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (KeysLock)
        {
            if (!Keys.TryGetValue(name, out var key))
            {
                key = new JwtProfileKey(name, Keys.Count);
                Keys.Add(name, key);
            }
            return key;
        }
    }

    /// <summary>The profile name.</summary>
    public override string ToString() => Name;
}
