using System.Diagnostics;

namespace TokenIssuer.KeyStores.Tests;

/// <summary>
/// Runs this test assembly as separate OS processes (<see cref="Program"/>), each a host on the same store,
/// released together to add the same kids: what instances of an app starting at once do.
/// </summary>
internal static class ChildProcesses
{
    /// <summary>
    /// How long each step may take (one child's start-up, then the race until every child exited) before the test gives
    /// up: a bound, not a measurement. Per step, not in all: the children start one after the other, and on a loaded
    /// machine their start-ups alone took more than two minutes together.
    /// </summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static string ProtectedKeyOf(int process, string kid) => $"CfDJ8-process-{process}-{kid}";

    /// <summary>Starts <paramref name="processCount"/> children, waits until each is ready, releases them at once and returns the kids each one added.</summary>
    public static async Task<Dictionary<int, List<string>>> RaceAsync(IReadOnlyList<string> storeArguments, IReadOnlyList<string> kids, int processCount)
    {
        using var limit = new CancellationTokenSource(Limit);
        var children = new List<(Process Process, Task<string> Output, Task<string> Errors)>();
        try
        {
            for (int i = 0; i < processCount; i++)
            {
                var start = new ProcessStartInfo(DotnetHost())
                {
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                start.ArgumentList.Add(typeof(ChildProcesses).Assembly.Location);
                start.ArgumentList.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                start.ArgumentList.Add(string.Join(',', kids));
                foreach (var argument in storeArguments) start.ArgumentList.Add(argument);
                var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
                // Each child says "ready" once its host is built and its store answered, then waits for "go".
                limit.CancelAfter(Limit);
                string? ready = await WithinLimitAsync(process.StandardOutput.ReadLineAsync(limit.Token), $"Child process {i} did not say \"ready\" within {Limit}");
                if (ready != "ready")
                {
                    string errors = await process.StandardError.ReadToEndAsync(limit.Token);
                    throw new InvalidOperationException($"Child process {i} did not get ready (it said \"{ready}\"): {errors}");
                }
                // Read to the end without a token of their own: a child that overruns is killed below, which ends them.
                children.Add((process, process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync()));
            }

            limit.CancelAfter(Limit);
            foreach (var child in children) await child.Process.StandardInput.WriteLineAsync("go");
            foreach (var child in children) child.Process.StandardInput.Close();

            var wins = new Dictionary<int, List<string>>();
            for (int i = 0; i < children.Count; i++)
            {
                var (process, output, errors) = children[i];
                await WithinLimitAsync(process.WaitForExitAsync(limit.Token), $"Child process {i} did not exit within {Limit} of \"go\"");
                string text = await output;
                Assert.True(process.ExitCode == 0, $"Child process {i} exited with {process.ExitCode}: {await errors}");
                wins[i] = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(line => line.StartsWith("added ", StringComparison.Ordinal)).Select(line => line["added ".Length..]).ToList();
            }
            return wins;
        }
        finally
        {
            foreach (var child in children)
            {
                if (!child.Process.HasExited) child.Process.Kill(entireProcessTree: true);
                child.Process.Dispose();
            }
        }
    }

    private static async Task<T> WithinLimitAsync<T>(ValueTask<T> step, string timeout)
    {
        try
        {
            return await step;
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException(timeout + ".", e);
        }
    }

    private static async Task WithinLimitAsync(Task step, string timeout)
    {
        try
        {
            await step;
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException(timeout + ".", e);
        }
    }

    // dotnet test sets DOTNET_HOST_PATH to the host that runs it; the same host runs the children.
    private static string DotnetHost()
        => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
