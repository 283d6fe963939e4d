using System.Collections.Concurrent;
using System.ComponentModel;

namespace TokenIssuer;

/// <summary>
/// Profile defaults declared with <see cref="JwtProfileAttribute"/>, registered by generated code at
/// module load. <c>AddJwtIssuer</c> applies them before configuration, so configuration overrides them.
/// Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedProfiles
{
    private static readonly ConcurrentDictionary<string, Action<JwtProfileOptions>> Defaults = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers the defaults of the attribute profile <paramref name="name"/>.</summary>
    public static void Register(string name, Action<JwtProfileOptions> applyDefaults)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(applyDefaults);
        Defaults[name] = applyDefaults;
    }

    internal static void ApplyTo(JwtIssuerOptions options)
    {
        foreach (var (name, applyDefaults) in Defaults)
        {
            if (!options.Profiles.TryGetValue(name, out var profile)) options.Profiles[name] = profile = new JwtProfileOptions();
            applyDefaults(profile);
        }
    }
}
