using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace TokenIssuer.Cli.Tests.Conformance;

/// <summary>
/// Runs the shared conformance checker (<c>../shared/conformance/check.mjs</c>, 340 cases produced by
/// jsonwebtoken 9.0.3) against the command-line tool's batch mode. Building the tests builds the CLI
/// (a ProjectReference without the assembly). A missing node, shared folder or CLI build is a failure.
/// </summary>
public class ConformanceCheckerTests
{
    private const int ExpectedCases = 340;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(240);

    private readonly ITestOutputHelper _output;

    public ConformanceCheckerTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task CliBatchPassesEveryConformanceCase()
    {
        string root = Repository.Root();
        string shared = Path.GetFullPath(Path.Combine(root, "..", "shared", "conformance"));
        string checker = Path.Combine(shared, "check.mjs");
        string cases = Path.Combine(shared, "cases.jsonl");
        Assert.True(File.Exists(checker) && File.Exists(cases),
            $"The shared conformance folder is missing: expected {checker} and {cases} (the repository's sibling folder shared/conformance).");

        string? node = Repository.FindOnPath("node");
        Assert.True(node is not null, "node is not on PATH: the conformance checker needs Node.js 18 or later (apt-get install nodejs).");

        string configuration = Repository.Configuration();
        string cli = Repository.CliDll();
        Assert.True(File.Exists(cli),
            $"The CLI build is missing: {cli}. Build the solution (or the test project, which references src/TokenIssuer.Cli) in {configuration}.");

        string? dotnet = Repository.Dotnet();
        Assert.True(dotnet is not null, "dotnet is not on PATH and DOTNET_HOST_PATH is not set: cannot start the CLI.");

        var start = new ProcessStartInfo(node!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = shared,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { checker, cases, "--", dotnet!, cli, "sign", "--batch" }) start.ArgumentList.Add(arg);
        start.Environment["CONFORMANCE_TIMEOUT_S"] = ((int)Timeout.TotalSeconds - 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("CONFORMANCE_FILTER");
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderrTask = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The conformance checker did not finish within {Timeout.TotalSeconds} s.");
        }
        string stdout = await stdoutTask;
        string stderr = await stderrTask;

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string last = lines.Length > 0 ? lines[^1] : "(no output)";
        _output.WriteLine(last);
        string details = string.Join("\n", lines.Where(l => l.StartsWith("FAIL ", StringComparison.Ordinal) || l.StartsWith("note:", StringComparison.Ordinal)).Take(80));
        Assert.True(last == $"{ExpectedCases} passed, 0 failed" && process.ExitCode == 0,
            $"Conformance: \"{last}\" (checker exit code {process.ExitCode}).\n{details}\n{(stderr.Length > 0 ? "stderr: " + stderr[..Math.Min(stderr.Length, 2000)] : "")}");
    }

    [Fact]
    public void LocatesTheRepositoryAndConfiguration()
    {
        string root = Repository.Root();
        Assert.True(Directory.Exists(Path.Combine(root, "src", "TokenIssuer")));
        Assert.Contains(Repository.Configuration(), new[] { "Debug", "Release" });
    }
}
