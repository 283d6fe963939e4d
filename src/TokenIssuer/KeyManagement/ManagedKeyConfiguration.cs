using Microsoft.Extensions.Configuration;

namespace TokenIssuer;

/// <summary>
/// Reads a key's <c>Managed</c> section (<c>JwtIssuer:Keys:{name}:Managed</c>) into <see cref="JwtManagedKeyOptions"/>,
/// reporting unknown options and lists instead of ignoring them, as the rest of the <c>JwtIssuer</c> section does.
/// </summary>
internal static class ManagedKeyConfiguration
{
    /// <summary>The option names of a <c>Managed</c> section (fixed).</summary>
    public static readonly IReadOnlyList<string> OptionNames =
    [
        nameof(JwtManagedKeyOptions.Algorithm),
        nameof(JwtManagedKeyOptions.RotationInterval),
        nameof(JwtManagedKeyOptions.PropagationTime),
        nameof(JwtManagedKeyOptions.RetentionTime),
    ];

    /// <summary>The sentence for a <c>Managed</c> written as a single value.</summary>
    public static string NotAnObject()
        => $"a managed key is an object of options ({string.Join(", ", OptionNames)}), e.g. \"Managed\": {{ \"Algorithm\": \"ES256\" }}; write {{}} for every default.";

    /// <summary>Applies what <paramref name="section"/> sets; options it leaves out keep their values (the defaults).</summary>
    public static void Read(IConfigurationSection section, JwtManagedKeyOptions options, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var child in section.GetChildren())
        {
            string? name = OptionNames.FirstOrDefault(n => string.Equals(n, child.Key, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                problems.Add($"{SensitiveText.Heuristic.Path(child.Path)}: {SensitiveText.QuoteValue(child.Key)} is not an option of a managed key; write {string.Join(", ", OptionNames)}.");
                continue;
            }

            if (child.GetChildren().Any())
            {
                problems.Add($"{SensitiveText.Heuristic.Path(child.Path)}: expected a single value, found a list or object. Write it as a string.");
                continue;
            }

            switch (name)
            {
                case nameof(JwtManagedKeyOptions.Algorithm): options.Algorithm = child.Value; break;
                case nameof(JwtManagedKeyOptions.RotationInterval): options.RotationInterval = child.Value; break;
                case nameof(JwtManagedKeyOptions.PropagationTime): options.PropagationTime = child.Value; break;
                default: options.RetentionTime = child.Value; break;
            }
        }
    }
}
