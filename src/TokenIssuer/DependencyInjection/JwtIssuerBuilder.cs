using TokenIssuer;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddJwtIssuer</c>: adds profiles and keys written in code.</summary>
public sealed class JwtIssuerBuilder
{
    internal JwtIssuerBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a profile, or changes one from configuration (code runs after configuration is read).</summary>
    public JwtIssuerBuilder AddProfile(string name, Action<JwtProfileOptions> configure) => ConfigureEntry(name, options => options.Profiles, configure);

    /// <summary>Adds a key, or changes one from configuration.</summary>
    public JwtIssuerBuilder AddKey(string name, Action<JwtKeyOptions> configure) => ConfigureEntry(name, options => options.Keys, configure);

    /// <summary>Runs <paramref name="configure"/> on the named entry, creating it when configuration has none.</summary>
    private JwtIssuerBuilder ConfigureEntry<TEntry>(string name, Func<JwtIssuerOptions, IDictionary<string, TEntry>> entries, Action<TEntry> configure)
        where TEntry : new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<JwtIssuerOptions>(options =>
        {
            var map = entries(options);
            if (!map.TryGetValue(name, out var entry)) map[name] = entry = new TEntry();
            configure(entry);
        });
        return this;
    }
}
