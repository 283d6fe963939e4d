namespace TokenIssuer.Cli.Apps;

/// <summary>
/// The app a <c>--project</c> folder holds, as its host sees it: the content root (the folder, as
/// <c>dotnet run</c> starts it), the application name (the assembly name, as MSBuild evaluates it), from which
/// the runtime derives the development-key folder, and the <c>UserSecretsId</c> of its user-secrets.
/// </summary>
internal sealed record AppProject(string ContentRoot, string ApplicationName, string? UserSecretsId, string? ProjectFile)
{
    /// <summary>Reads <paramref name="path"/>: a project folder, or a .csproj file whose folder is the content root.</summary>
    /// <exception cref="CliInputException">No such folder, several project files, no appsettings.json, a csproj MSBuild cannot evaluate.</exception>
    public static AppProject Read(string path)
    {
        string full = Path.GetFullPath(path);
        string folder;
        string? csproj;
        if (File.Exists(full) && full.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
        {
            folder = Path.GetDirectoryName(full)!;
            csproj = full;
        }
        else if (Directory.Exists(full))
        {
            folder = full;
            var projects = Directory.GetFiles(folder, "*.csproj");
            if (projects.Length > 1)
            {
                throw new CliInputException(
                    $"--project {path}: the folder holds {projects.Length} project files ({string.Join(", ", projects.Select(Path.GetFileName).Order(StringComparer.Ordinal))}); name one: --project {Path.Combine(path, Path.GetFileName(projects[0]))}.");
            }
            csproj = projects.Length == 1 ? projects[0] : null;
        }
        else
        {
            throw new CliInputException($"--project {path}: there is no such folder. Give the folder of the app (where its .csproj and appsettings.json are).");
        }

        if (!File.Exists(Path.Combine(folder, "appsettings.json")))
        {
            throw new CliInputException(
                $"--project {path}: the folder has no appsettings.json, so it is not the content root of an app with a JwtIssuer section. Give the folder of the app (where its .csproj and appsettings.json are).");
        }

        if (csproj is null) return new AppProject(folder, Path.GetFileName(folder), null, null);
        var properties = ProjectProperties.Evaluate(csproj, "AssemblyName", "UserSecretsId");
        string assemblyName = properties["AssemblyName"] is { Length: > 0 } name ? name : Path.GetFileNameWithoutExtension(csproj);
        return new AppProject(folder, assemblyName, properties["UserSecretsId"] is { Length: > 0 } id ? id : null, csproj);
    }
}
