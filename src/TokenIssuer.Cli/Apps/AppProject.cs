using System.Xml;
using System.Xml.Linq;

namespace TokenIssuer.Cli.Apps;

/// <summary>
/// The app a <c>--project</c> folder holds, as its host sees it: the content root (the folder, as
/// <c>dotnet run</c> starts it), the application name (the assembly name: <c>&lt;AssemblyName&gt;</c> in the
/// csproj, else the csproj's file name), from which the runtime derives the development-key folder, and
/// the <c>UserSecretsId</c> of its user-secrets.
/// </summary>
internal sealed record AppProject(string ContentRoot, string ApplicationName, string? UserSecretsId, string? ProjectFile)
{
    /// <summary>Reads <paramref name="path"/>: a project folder, or a .csproj file whose folder is the content root.</summary>
    /// <exception cref="CliInputException">No such folder, several project files, no appsettings.json, an unreadable csproj.</exception>
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
        var (assemblyName, userSecretsId) = ReadProperties(csproj);
        return new AppProject(folder, assemblyName ?? Path.GetFileNameWithoutExtension(csproj), userSecretsId, csproj);
    }

    /// <summary>
    /// The literal <c>AssemblyName</c> and <c>UserSecretsId</c> properties of the project file. A value built
    /// from other properties (<c>$(…)</c>) is not evaluated: the message says to pass what the app uses.
    /// </summary>
    private static (string? AssemblyName, string? UserSecretsId) ReadProperties(string csproj)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(csproj, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new CliInputException($"The project file \"{csproj}\" is not valid XML (line {e.LineNumber}): {e.Message}");
        }

        string? Property(string name)
        {
            var element = document.Descendants().LastOrDefault(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup");
            if (element is null || string.IsNullOrWhiteSpace(element.Value)) return null;
            string value = element.Value.Trim();
            if (value.Contains("$(", StringComparison.Ordinal))
            {
                int line = ((IXmlLineInfo)element).LineNumber;
                throw new CliInputException(
                    $"The project file \"{csproj}\" (line {line}) sets {name} from other properties ({value}), which this tool does not evaluate. Write the value in the project file.");
            }
            return value;
        }

        return (Property("AssemblyName"), Property("UserSecretsId"));
    }
}
