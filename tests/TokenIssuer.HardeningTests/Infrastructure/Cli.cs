using System.Diagnostics;
using System.Reflection;

namespace TokenIssuer.HardeningTests;

/// <summary>Runs the built <c>tokenissuer</c> command line (same Configuration as this test project) as a process.</summary>
internal static class Cli
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string Configuration { get; } = Metadata("Configuration");

    /// <summary>
    /// How long a run may take before it counts as hung and is killed: a bound, not a measurement. Generous, because
    /// the whole test run shares a 2-core CI machine, where a process's start-up alone can take tens of seconds.
    /// </summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static string DllPath { get; } = Path.Combine(RepositoryRoot, "src", "TokenIssuer.Cli", "bin", Configuration, "net10.0", "TokenIssuer.Cli.dll");

    public static CliResult Run(string[] arguments, byte[]? stdin = null, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        Assert.True(File.Exists(DllPath), $"the CLI is not built at {DllPath}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var copyErr = process.StandardError.BaseStream.CopyToAsync(stderr);
        var writeIn = Task.Run(() =>
        {
            try
            {
                using var input = process.StandardInput.BaseStream;
                if (stdin is not null) input.Write(stdin);
            }
            catch (IOException)
            {
                // The process exited without reading all of its input (a usage error): not this test's concern.
            }
        });
        var limit = timeout ?? Limit;
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tokenissuer {string.Join(' ', arguments)} did not finish within {limit}");
        }
        Task.WaitAll([copyOut, copyErr, writeIn], limit);
        return new CliResult(process.ExitCode, stdout.ToArray(), System.Text.Encoding.UTF8.GetString(stderr.ToArray()), watch.Elapsed);
    }

    public static CliResult Run(params string[] arguments) => Run(arguments, null);

    private static string Metadata(string key)
        => typeof(Cli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

internal sealed record CliResult(int ExitCode, byte[] Stdout, string Stderr, TimeSpan Elapsed)
{
    public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);

    /// <summary>Signs of a .NET stack trace or an unhandled exception report.</summary>
    public bool HasStackTrace => Stderr.Contains("   at ", StringComparison.Ordinal) || Stderr.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase);
}
