namespace TokenIssuer.Cli.Tests;

/// <summary>
/// An app's project folder for <c>--project</c>: a csproj (with the given AssemblyName and UserSecretsId) and
/// appsettings files, plus a home folder of its own (user-secrets, the default development-key store) that the
/// tool is pointed at through <see cref="Environment"/>. Deleted afterwards.
/// </summary>
internal sealed class AppFolder : IDisposable
{
    private readonly TempFolder _root = new();

    public AppFolder(string appsettings, string? assemblyName = null, string? userSecretsId = null, string projectName = "My.App")
    {
        Directory.CreateDirectory(Project);
        Directory.CreateDirectory(Home);
        string properties = (assemblyName is null ? "" : $"<AssemblyName>{assemblyName}</AssemblyName>")
                            + (userSecretsId is null ? "" : $"<UserSecretsId>{userSecretsId}</UserSecretsId>");
        File.WriteAllText(System.IO.Path.Combine(Project, projectName + ".csproj"),
            $"<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net10.0</TargetFramework>{properties}</PropertyGroup></Project>");
        WriteFile("appsettings.json", appsettings);
    }

    public string Project => System.IO.Path.Combine(_root.Path, "app");

    public string Home => System.IO.Path.Combine(_root.Path, "home");

    /// <summary>The process environment of a tool run: this folder's home (user-secrets and the default development-key store), and <paramref name="more"/>.</summary>
    public Dictionary<string, string> Environment(params (string Name, string Value)[] more)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = Home,
            ["XDG_DATA_HOME"] = System.IO.Path.Combine(Home, ".local", "share"),
        };
        foreach (var (name, value) in more) environment[name] = value;
        return environment;
    }

    public void WriteFile(string name, string text)
    {
        string path = System.IO.Path.Combine(Project, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Writes the user-secrets of <paramref name="id"/> where the configuration provider reads them on Linux and macOS.</summary>
    public void WriteUserSecrets(string id, string json)
    {
        string folder = System.IO.Path.Combine(Home, ".microsoft", "usersecrets", id);
        Directory.CreateDirectory(folder);
        File.WriteAllText(System.IO.Path.Combine(folder, "secrets.json"), json);
    }

    public CliResult Run(Dictionary<string, string> environment, params string[] arguments)
        => Cli.Run([.. arguments, "--project", Project], environment: environment);

    public void Dispose() => _root.Dispose();
}
