using Microsoft.Extensions.Configuration;

namespace TokenIssuer.Cli.Apps;

/// <summary>
/// The app's configuration as <c>WebApplication.CreateBuilder</c> assembles it, lowest precedence first:
/// <c>ASPNETCORE_</c>-prefixed environment variables, <c>DOTNET_</c>-prefixed ones (host configuration,
/// prefix removed), <c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>, user-secrets (in
/// Development, when the project has a <c>UserSecretsId</c>), then every environment variable
/// (<c>JwtIssuer__DevelopmentKeysDirectory</c>). The app's own command-line arguments are not known here.
/// </summary>
internal static class AppConfiguration
{
    /// <summary>
    /// The environment the app would run in: <paramref name="option"/> (<c>--environment</c>), else
    /// <c>DOTNET_ENVIRONMENT</c> over <c>ASPNETCORE_ENVIRONMENT</c> (as WebApplicationBuilder reads them since
    /// .NET 7), else Development: the tool is for a developer's machine, where launchSettings.json sets it.
    /// </summary>
    public static string Environment(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option)) return option.Trim();
        var host = HostConfiguration().Build();
        return host["ENVIRONMENT"] is { Length: > 0 } name ? name : "Development";
    }

    public static IConfigurationRoot Build(AppProject project, string environment)
    {
        var builder = HostConfiguration()
            .SetBasePath(project.ContentRoot)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{environment}.json", optional: true, reloadOnChange: false);
        if (string.Equals(environment, "Development", StringComparison.OrdinalIgnoreCase) && project.UserSecretsId is { } id)
        {
            builder.AddUserSecrets(id, reloadOnChange: false);
        }
        return builder.AddEnvironmentVariables().Build();
    }

    private static IConfigurationBuilder HostConfiguration()
        => new ConfigurationBuilder().AddEnvironmentVariables(prefix: "ASPNETCORE_").AddEnvironmentVariables(prefix: "DOTNET_");
}
