using TokenIssuer;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddJwtIssuer</c>: adds profiles and keys written in code.</summary>
public sealed class JwtIssuerBuilder
{
    internal JwtIssuerBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a profile, or changes one from configuration (code runs after configuration is read).</summary>
    public JwtIssuerBuilder AddProfile(string name, Action<JwtProfileOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<JwtIssuerOptions>(options =>
        {
            if (!options.Profiles.TryGetValue(name, out var profile)) options.Profiles[name] = profile = new JwtProfileOptions();
            configure(profile);
        });
        return this;
    }

    /// <summary>Adds a key, or changes one from configuration.</summary>
    public JwtIssuerBuilder AddKey(string name, Action<JwtKeyOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<JwtIssuerOptions>(options =>
        {
            if (!options.Keys.TryGetValue(name, out var key)) options.Keys[name] = key = new JwtKeyOptions();
            configure(key);
        });
        return this;
    }
}
