using System.Diagnostics;
using System.Text;

namespace TokenIssuer.Cli.Tests;

/// <summary>Runs the built <c>tokenissuer</c> (TokenIssuer.Cli.dll of the same Configuration) as a process.</summary>
internal static class Cli
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static CliResult Run(params string[] arguments) => Run(arguments, stdin: null);

    public static CliResult Run(string[] arguments, string? stdin = null, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        string dll = Repository.CliDll();
        Assert.True(File.Exists(dll), $"The CLI is not built at {dll}: build this test project (it builds src/TokenIssuer.Cli).");
        string? dotnet = Repository.Dotnet();
        Assert.True(dotnet is not null, "dotnet is not on PATH and DOTNET_HOST_PATH is not set: cannot start the CLI.");

        var start = new ProcessStartInfo(dotnet!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null) process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process exited before reading its input (a usage error): the exit code says so.
        }
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"tokenissuer {string.Join(' ', arguments)} did not finish within {Limit.TotalSeconds} s.");
        }
        return new CliResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}

/// <summary>What a run of the CLI printed, and its exit code.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Signs of a .NET stack trace or an unhandled exception report on stderr.</summary>
    public bool HasStackTrace => Stderr.Contains("   at ", StringComparison.Ordinal) || Stderr.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase);

    /// <summary>Asserts the exit code, showing both streams when it is not the expected one.</summary>
    public CliResult AssertExit(int expected)
    {
        Assert.True(ExitCode == expected, $"exit code {ExitCode}, expected {expected}.\nstdout: {Stdout}\nstderr: {Stderr}");
        return this;
    }
}
