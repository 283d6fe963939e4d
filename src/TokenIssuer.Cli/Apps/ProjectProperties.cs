using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace TokenIssuer.Cli.Apps;

/// <summary>
/// The properties of an app's project file as its build sees them, evaluated by MSBuild (<c>dotnet msbuild
/// -getProperty</c>): values from <c>Directory.Build.props</c>, from other properties (<c>$(MSBuildProjectName)</c>)
/// and the SDK's defaults included, which reading the XML would miss.
/// </summary>
internal static class ProjectProperties
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    // One evaluation per project and question for the life of the command (profiles list loads the app twice).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Evaluated = new(StringComparer.Ordinal);

    /// <summary>The evaluated values of <paramref name="names"/> (empty when the project leaves one unset).</summary>
    /// <exception cref="CliInputException">No dotnet to run, MSBuild cannot evaluate the project, or it takes too long.</exception>
    public static IReadOnlyDictionary<string, string> Evaluate(string csproj, params string[] names)
        => Evaluated.GetOrAdd(Path.GetFullPath(csproj) + "|" + string.Join(",", names), _ => Run(csproj, names));

    private static IReadOnlyDictionary<string, string> Run(string csproj, string[] names)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(csproj)!,
        };
        foreach (string argument in (string[])["msbuild", csproj, "-nologo", .. names.Select(n => "-getProperty:" + n)]) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("the process did not start");
        }
        catch (Win32Exception e)
        {
            throw new CliInputException($"Reading the project file \"{csproj}\" needs the .NET SDK's dotnet, which could not be started ({e.Message}). Install the .NET SDK or put dotnet on PATH.");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                throw new CliInputException($"MSBuild did not finish evaluating the project file \"{csproj}\" within {Limit.TotalMinutes:0} minutes.");
            }
            process.WaitForExit(); // the output has been read to its end
            string text = output.Result;
            if (process.ExitCode != 0)
            {
                string problem = FirstLine(text + "\n" + errors.Result);
                throw new CliInputException($"MSBuild could not evaluate the project file \"{csproj}\" (dotnet msbuild exited with {process.ExitCode}): {problem}");
            }
            return Parse(text, names, csproj);
        }
    }

    // MSBuild prints one property bare, several as {"Properties": {...}}.
    private static Dictionary<string, string> Parse(string text, string[] names, string csproj)
    {
        if (names.Length == 1) return new Dictionary<string, string> { [names[0]] = text.Trim() };
        try
        {
            using var document = JsonDocument.Parse(text);
            var properties = document.RootElement.GetProperty("Properties");
            return names.ToDictionary(n => n, n => properties.TryGetProperty(n, out var value) ? value.GetString() ?? "" : "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CliInputException($"MSBuild's answer for the project file \"{csproj}\" was not the JSON expected: {FirstLine(text)}");
        }
    }

    private static string FirstLine(string text)
        => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
           ?? text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "(no output)";

    /// <summary>The dotnet that runs this tool when the SDK started it (<c>DOTNET_HOST_PATH</c>), else the one on PATH.</summary>
    private static string DotnetHost()
        => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
