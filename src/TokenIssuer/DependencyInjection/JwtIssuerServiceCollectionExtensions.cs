using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TokenIssuer;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers TokenIssuer: <c>services.AddJwtIssuer()</c>.</summary>
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
        AddGeneratedProfileDefaults(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtIssuerOptions>, ConfigureFromAppConfiguration>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsChangeTokenSource<JwtIssuerOptions>, AppConfigurationChangeTokenSource>());
        return AddCore(services);
    }

    /// <summary>Adds <see cref="IJwtIssuer"/> with profiles and keys bound from <paramref name="configuration"/> (a section shaped like <c>JwtIssuer</c>).</summary>
    public static JwtIssuerBuilder AddJwtIssuer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddGeneratedProfileDefaults(services);
        services.AddSingleton<IConfigureOptions<JwtIssuerOptions>>(new ConfigureFromSection(configuration));
        services.AddSingleton<IOptionsChangeTokenSource<JwtIssuerOptions>>(new ConfigurationChangeTokenSource<JwtIssuerOptions>(configuration));
        return AddCore(services);
    }

    /// <summary>Adds <see cref="IJwtIssuer"/> with profiles and keys written in code.</summary>
    public static JwtIssuerBuilder AddJwtIssuer(this IServiceCollection services, Action<JwtIssuerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        AddGeneratedProfileDefaults(services);
        services.Configure(configure);
        return AddCore(services);
    }

    /// <summary>Attribute profiles' defaults come first, so that configuration and code override them.</summary>
    private static void AddGeneratedProfileDefaults(IServiceCollection services)
        => services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtIssuerOptions>, ApplyGeneratedProfiles>());

    private sealed class ApplyGeneratedProfiles : IConfigureOptions<JwtIssuerOptions>
    {
        public void Configure(JwtIssuerOptions options) => GeneratedProfiles.ApplyTo(options);
    }

    private static JwtIssuerBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<JwtIssuerOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtIssuerOptions>, JwtIssuerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new IssuerMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<CompiledProfiles>();
        services.TryAddSingleton<JwtIssuer>();
        services.TryAddSingleton<IJwtIssuer>(sp => sp.GetRequiredService<JwtIssuer>());
        services.TryAddSingleton<IJwtKeyRing>(sp => sp.GetRequiredService<JwtIssuer>());
        return new JwtIssuerBuilder(services);
    }

    private sealed class ConfigureFromSection(IConfiguration section) : IConfigureOptions<JwtIssuerOptions>
    {
        public void Configure(JwtIssuerOptions options) => ConfigurationReader.Read(section, options);
    }

    private sealed class ConfigureFromAppConfiguration(IConfiguration? configuration = null) : IConfigureOptions<JwtIssuerOptions>
    {
        public void Configure(JwtIssuerOptions options)
        {
            if (configuration is null)
            {
                options.ConfigurationProblems.Add("AddJwtIssuer() reads the JwtIssuer section of IConfiguration, but no IConfiguration is registered. Use a host (WebApplication.CreateBuilder, Host.CreateApplicationBuilder), or AddJwtIssuer(section) / AddJwtIssuer(options => ...).");
                return;
            }
            ConfigurationReader.Read(configuration.GetSection(JwtIssuerOptions.SectionName), options);
        }
    }

    private sealed class AppConfigurationChangeTokenSource(IConfiguration? configuration = null) : IOptionsChangeTokenSource<JwtIssuerOptions>
    {
        public string Name => Options.Options.DefaultName;

        public Primitives.IChangeToken GetChangeToken()
            => configuration?.GetSection(JwtIssuerOptions.SectionName).GetReloadToken() ?? NullChangeToken.Instance;
    }

    private sealed class NullChangeToken : Primitives.IChangeToken
    {
        public static readonly NullChangeToken Instance = new();

        public bool HasChanged => false;

        public bool ActiveChangeCallbacks => false;

        public IDisposable RegisterChangeCallback(Action<object?> callback, object? state) => EmptyDisposable.Instance;

        private sealed class EmptyDisposable : IDisposable
        {
            public static readonly EmptyDisposable Instance = new();

            public void Dispose()
            {
            }
        }
    }
}

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
