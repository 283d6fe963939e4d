using System.CommandLine;
using TokenIssuer.Cli.Apps;

namespace TokenIssuer.Cli.Arguments;

/// <summary>
/// <c>--project DIR</c> and <c>--environment ENV</c>: which app's configuration a command reads, and in
/// which environment (whose <c>appsettings.{ENV}.json</c>, and whether development keys are used).
/// </summary>
internal sealed class ProjectOptions
{
    private readonly Option<string> _project = new("--project")
    {
        Description = "The app's project folder (its content root, holding the .csproj and appsettings.json), or its .csproj file.",
        HelpName = "DIR",
        Required = true,
    };

    private readonly Option<string> _environment = new("--environment")
    {
        Description = "The environment the app runs in (appsettings.{ENV}.json; development keys only in Development). " +
                      "Default: DOTNET_ENVIRONMENT or ASPNETCORE_ENVIRONMENT when set, else Development.",
        HelpName = "ENV",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_project);
        command.Options.Add(_environment);
    }

    public AppIssuer Load(ParseResult parseResult, Action<JwtIssuerOptions>? adjust = null, bool notes = true)
        => AppIssuer.Load(parseResult.GetValue(_project)!, parseResult.GetValue(_environment), adjust, notes);
}
