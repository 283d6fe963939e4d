using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace TokenIssuer;

/// <summary>
/// Binds a given section (<c>AddJwtIssuer(configuration)</c>), as the framework's
/// <c>ConfigureFromConfigurationOptions&lt;TOptions&gt;</c> does for <c>Configure&lt;T&gt;(configuration)</c>,
/// with TokenIssuer's reader (which reports unknown options instead of ignoring them).
/// </summary>
internal sealed class JwtIssuerConfigureFromConfigurationOptions(IConfiguration configuration) : IConfigureOptions<JwtIssuerOptions>
{
    public void Configure(JwtIssuerOptions options) => ConfigurationReader.Read(configuration, options);

    /// <summary>
    /// True when <paramref name="other"/> is the configuration this binds: the same object, or a section
    /// at the same path of the same configuration root. A section does not expose its root, but it hands
    /// out the root's reload token, one object per root until the root reloads (after a reload the two
    /// count as different, and the section is bound twice, as it always was before). A token that never
    /// calls back (<c>NullChangeToken</c>) is shared by unrelated configurations, so it identifies nothing.
    /// </summary>
    public bool Binds(IConfiguration other)
    {
        if (ReferenceEquals(configuration, other)) return true;
        if (configuration is not IConfigurationSection section || other is not IConfigurationSection otherSection) return false;
        if (!string.Equals(section.Path, otherSection.Path, StringComparison.OrdinalIgnoreCase)) return false;
        var token = section.GetReloadToken();
        return token.ActiveChangeCallbacks && ReferenceEquals(token, otherSection.GetReloadToken());
    }
}
