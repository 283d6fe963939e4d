using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TokenIssuer;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers TokenIssuer: <c>services.AddJwtIssuer()</c>.</summary>
/// <remarks>
/// Every overload takes one path, as <c>AddJwtBearer</c> and <c>AddHttpClient</c> do: the same
/// services added once (<see cref="AddJwtIssuerCore"/>), then where the profiles and keys come from.
/// Calling any overload again adds no second issuer.
/// </remarks>
public static class JwtIssuerServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IJwtIssuer"/> with profiles and keys bound from the <c>JwtIssuer</c> section of the
    /// app's <see cref="IConfiguration"/>, validated at start-up and reloaded when configuration changes.
    /// Calling it again is harmless.
    /// </summary>
    public static JwtIssuerBuilder AddJwtIssuer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddJwtIssuerCore();
        // The app's IConfiguration is known only once the container is built, so it is resolved there.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtIssuerOptions>, JwtIssuerConfigureOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsChangeTokenSource<JwtIssuerOptions>, JwtIssuerConfigurationChangeTokenSource>());
        return builder;
    }

    /// <summary>
    /// Adds <see cref="IJwtIssuer"/> with profiles and keys bound from <paramref name="configuration"/> (a
    /// section shaped like <c>JwtIssuer</c>), validated at start-up and reloaded when it changes.
    /// </summary>
    /// <remarks>
    /// Calling it again with the same section (the same object, or the section at the same path of the
    /// same configuration) binds it once. With a different section, both are bound, in call order: a
    /// later section adds its keys and profiles and, where both set the same option, its value wins,
    /// as a later configuration source does.
    /// </remarks>
    public static JwtIssuerBuilder AddJwtIssuer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddJwtIssuerCore();
        if (!services.Any(d => d.ImplementationInstance is JwtIssuerConfigureFromConfigurationOptions bound && bound.Binds(configuration)))
        {
            services.AddSingleton<IConfigureOptions<JwtIssuerOptions>>(new JwtIssuerConfigureFromConfigurationOptions(configuration));
            services.AddSingleton<IOptionsChangeTokenSource<JwtIssuerOptions>>(new ConfigurationChangeTokenSource<JwtIssuerOptions>(configuration));
        }
        return builder;
    }

    /// <summary>Adds <see cref="IJwtIssuer"/> with profiles and keys written in code; each call's <paramref name="configure"/> runs, in order.</summary>
    public static JwtIssuerBuilder AddJwtIssuer(this IServiceCollection services, Action<JwtIssuerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddJwtIssuerCore();
        services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// The services every overload needs, each added once. Registered before the overload's own source,
    /// so that attribute profiles' defaults apply first and configuration and code override them.
    /// </summary>
    private static JwtIssuerBuilder AddJwtIssuerCore(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtIssuerOptions>, GeneratedProfilesConfigureOptions>());
        services.AddOptions<JwtIssuerOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtIssuerOptions>, JwtIssuerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new IssuerMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetService<ManagedKeys>()));
        // Managed keys: Data Protection, the default local store, the protector, and the manager started with the host.
        ManagedKeyServices.Add(services);
        services.TryAddSingleton<ManagedKeys>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ManagedKeyHostedService>());
        services.TryAddSingleton<CompiledProfiles>();
        services.TryAddSingleton<JwtIssuer>();
        services.TryAddSingleton<IJwtIssuer>(sp => sp.GetRequiredService<JwtIssuer>());
        services.TryAddSingleton<IJwtKeyRing>(sp => sp.GetRequiredService<JwtIssuer>());
        return new JwtIssuerBuilder(services);
    }
}
