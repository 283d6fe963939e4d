using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace TokenIssuer.Generator.Tests;

/// <summary>Runs the dotnet CLI for the package tests, with a clean MSBuild environment and the output logged.</summary>
internal static class Dotnet
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(8);

    public static async Task<(int ExitCode, string Output)> RunAsync(ITestOutputHelper log, string workingDirectory, string? packagesFolder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // A clean MSBuild for the child: nothing inherited from the test host's own build or run.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        if (packagesFolder is not null) start.Environment["NUGET_PACKAGES"] = packagesFolder;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        var output = new StringBuilder();
        output.AppendLine($"> dotnet {string.Join(" ", arguments)}  (in {workingDirectory})");
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(ProcessTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output) output.AppendLine($"(killed after {ProcessTimeout})");
            return (-1, output.ToString());
        }
        process.WaitForExit(); // drains the redirected output
        string text;
        lock (output) text = output.ToString();
        log.WriteLine($"{text}\n(exit code {process.ExitCode}, {stopwatch.Elapsed.TotalSeconds:F0} s)");
        return (process.ExitCode, text);
    }
}
