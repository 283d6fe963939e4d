using System.Diagnostics;
using System.Text;

namespace TokenIssuer.Cli.Tests;

/// <summary>
/// The CLI as a running process whose stdin and stdout the test drives line by line (<c>sign --batch</c>
/// held open as a long-lived process would hold it), or whose stdout it closes.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Task<string> _stderr;

    public CliProcess(params string[] arguments)
    {
        var start = new ProcessStartInfo(Repository.Dotnet() ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Repository.CliDll());
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        _process = Process.Start(start)!;
        _process.StandardInput.AutoFlush = true;
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    public StreamWriter Input => _process.StandardInput;

    /// <summary>The next line on stdout, or a failure when none comes within the limit (the process holds it back).</summary>
    public string ReadLine()
    {
        var line = _process.StandardOutput.ReadLineAsync();
        Assert.True(line.Wait(Limit), $"no answer line within {Limit.TotalSeconds} s while stdin is still open: the answer is held back.");
        return line.Result ?? throw new InvalidOperationException("stdout ended");
    }

    /// <summary>Closes the reading end of stdout, as a consumer that has gone away does.</summary>
    public void CloseOutput() => _process.StandardOutput.BaseStream.Dispose();

    /// <summary>Closes stdin, waits for the exit and returns the exit code and stderr.</summary>
    public (int ExitCode, string Stderr) Finish()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process already stopped reading.
        }
        if (!_process.WaitForExit(Limit))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"the CLI did not exit within {Limit.TotalSeconds} s after stdin closed.");
        }
        return (_process.ExitCode, _stderr.GetAwaiter().GetResult());
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
