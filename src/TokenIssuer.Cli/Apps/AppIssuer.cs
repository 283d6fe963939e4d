using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TokenIssuer.Cli.Apps;

/// <summary>
/// The app's issuer, built as the app builds it: <c>AddJwtIssuer()</c> over the app's configuration, with an
/// <see cref="IHostEnvironment"/> whose application name, content root and environment are the app's, so that
/// profiles, keys and development keys (their folder is derived from the application name) are the app's own.
/// </summary>
internal sealed class AppIssuer : IDisposable
{
    private readonly ServiceProvider _services;

    private AppIssuer(AppProject project, string environment, ServiceProvider services)
    {
        Project = project;
        Environment = environment;
        _services = services;
    }

    public AppProject Project { get; }

    public string Environment { get; }

    public bool IsDevelopment => string.Equals(Environment, Environments.Development, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the project at <paramref name="projectPath"/>; <paramref name="adjust"/> changes the options after the
    /// app's configuration (a lifetime override); <paramref name="notes"/>: the runtime's warnings go to stderr.
    /// </summary>
    public static AppIssuer Load(string projectPath, string? environmentOption, Action<JwtIssuerOptions>? adjust = null, bool notes = true)
    {
        var project = AppProject.Read(projectPath);
        AttributeProfiles.Register(project);
        string environment = AppConfiguration.Environment(environmentOption);
        var configuration = AppConfiguration.Build(project, environment);

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment
        {
            ApplicationName = project.ApplicationName,
            ContentRootPath = project.ContentRoot,
            ContentRootFileProvider = new PhysicalFileProvider(project.ContentRoot),
            EnvironmentName = environment,
        });
        services.AddLogging(logging =>
        {
            if (notes) logging.AddProvider(new StandardErrorNotes());
        });
        services.AddJwtIssuer();
        if (adjust is not null) services.PostConfigure(adjust);
        return new AppIssuer(project, environment, services.BuildServiceProvider());
    }

    /// <summary>
    /// The options as configured, before start-up validation (which would load every key and create the
    /// missing development keys): what the command looks at before it signs or lists anything.
    /// </summary>
    public JwtIssuerOptions ConfiguredOptions()
        => new OptionsFactory<JwtIssuerOptions>(
                _services.GetServices<IConfigureOptions<JwtIssuerOptions>>(),
                _services.GetServices<IPostConfigureOptions<JwtIssuerOptions>>())
            .Create(Options.DefaultName);

    /// <summary>The issuer, after the start-up validation the app runs; its problems become one error, one per line.</summary>
    /// <exception cref="CliInputException">The configuration is invalid: the lines the app would print at start-up.</exception>
    public IJwtIssuer Issuer() => Validated(() => _services.GetRequiredService<IJwtIssuer>());

    /// <summary>The key ring (what the app's JWKS publishes), after start-up validation.</summary>
    public IJwtKeyRing KeyRing() => Validated(() => _services.GetRequiredService<IJwtKeyRing>());

    private T Validated<T>(Func<T> resolve)
    {
        try
        {
            return resolve();
        }
        catch (OptionsValidationException e)
        {
            throw new CliInputException(
                $"The app in {Project.ContentRoot} would not start ({Environment}). " + JwtIssuerConfigurationException.Describe(e.Failures.ToList()));
        }
    }

    public void Dispose() => _services.Dispose();
}
