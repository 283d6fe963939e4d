using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace TokenIssuer.Cli.Tests;

/// <summary>
/// The built sample web app (samples/TokenIssuer.Sample.WebApi) running as a process in Development on a
/// port the system picks, its development keys in a given folder and its managed keys (Sample:DataDirectory) in a
/// folder of its own, so that no test writes into the user's local application data. Killed on disposal.
/// </summary>
internal sealed partial class SampleApp : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly TempFolder _data = new();
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static string Folder => Path.Combine(Repository.Root(), "samples", "TokenIssuer.Sample.WebApi");

    private SampleApp(IReadOnlyDictionary<string, string> environment)
    {
        string dll = Path.Combine(Folder, "bin", Repository.Configuration(), "net10.0", "TokenIssuer.Sample.WebApi.dll");
        Assert.True(File.Exists(dll), $"The sample is not built at {dll}: build this test project (it builds the sample).");
        var start = new ProcessStartInfo(Repository.Dotnet() ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // As `dotnet run` starts it: the project folder is the content root.
            WorkingDirectory = Folder,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Sample__DataDirectory"] = _data.Path;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("the sample exited"));
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Everything the app printed so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts the sample and waits (bounded) until it says where it listens.</summary>
    public static SampleApp Start(IReadOnlyDictionary<string, string> environment)
    {
        var app = new SampleApp(environment);
        try
        {
            bool ready = app._listening.Task.Wait(StartLimit);
            Assert.True(ready, $"the sample did not start listening within {StartLimit.TotalSeconds} s:\n{app.Output}");
            app.BaseAddress = app._listening.Task.Result;
            return app;
        }
        catch (AggregateException e) when (e.InnerException is InvalidOperationException)
        {
            app.Dispose();
            Assert.Fail($"the sample exited before it listened:\n{app.Output}");
            throw;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>Runs the sample until it exits (a start-up that fails), bounded; returns its exit code and output.</summary>
    public static (int ExitCode, string Output) RunToExit(IReadOnlyDictionary<string, string> environment)
    {
        using var app = new SampleApp(environment);
        if (!app._process.WaitForExit(StartLimit))
        {
            Assert.Fail($"the sample did not exit within {StartLimit.TotalSeconds} s:\n{app.Output}");
        }
        app._process.WaitForExit(); // drains the redirected streams
        return (app._process.ExitCode, app.Output);
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (Listening().Match(line) is { Success: true } match) _listening.TrySetResult(new Uri(match.Groups[1].Value));
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        finally
        {
            _process.Dispose();
            _data.Dispose();
        }
    }
}
