using System.Diagnostics;

namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>
/// Issuing app instances as separate OS processes (<see cref="IssuerProcess"/>) on one real store and one Data
/// Protection key ring, released together on an empty store: they start signing with one key, rotate together to
/// the next one (a process that wrote its first key before an older one in flight landed converges at its next read),
/// no key that signed is deleted before it expires, and what the store holds is protected with the shared ring and reveals no private key.
/// </summary>
[Collection(InstancesCollection.Name)]
public abstract class ProcessesOnOneStoreTests
{
    private const int ProcessCount = 3;
    /// <summary>
    /// How long each step may take (a process's start-up, the start together, each agreement, the exits): a bound, not
    /// a measurement. Per step, not in all: on a loaded machine three start-ups one after the other took two minutes.
    /// </summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    protected abstract Task<SharedStore> CreateStoreAsync();

    [Fact]
    public async Task ThreeProcessesStartingTogetherOnAnEmptyStoreSignWithOneKeyThenRotateToTheSameNextKey()
    {
        await using var store = await CreateStoreAsync();
        using var keyRing = new SharedKeyRing();
        using var limit = new CancellationTokenSource(Limit);
        var children = new List<Process>();
        try
        {
            for (int i = 0; i < ProcessCount; i++)
            {
                var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false };
                foreach (string argument in new[] { typeof(IssuerProcess).Assembly.Location, "issuer", keyRing.Folder, "6", "2" }.Concat(store.ChildArguments))
                {
                    start.ArgumentList.Add(argument);
                }
                var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
                children.Add(process);
                limit.CancelAfter(Limit);
                await ExpectAsync(process, i, "ready", limit.Token);
            }

            // Released together on the empty store.
            limit.CancelAfter(Limit);
            foreach (var child in children) await child.StandardInput.WriteLineAsync("go");
            for (int i = 0; i < children.Count; i++) await ExpectAsync(children[i], i, "started", limit.Token);

            // They sign with one key (a process that wrote its key before an older one in flight landed agrees at its next read)...
            limit.CancelAfter(Limit);
            string first = await AgreeAsync(children, kid => true, "sign with one key", limit.Token);
            // ...and after the first rotation (6 s) with one next key.
            limit.CancelAfter(Limit);
            string next = await AgreeAsync(children, kid => kid != first, "rotate to one next key", limit.Token);
            limit.CancelAfter(Limit);
            foreach (var child in children) child.StandardInput.Close();
            foreach (var child in children) await child.WaitForExitAsync(limit.Token);
            Assert.All(children, child => Assert.Equal(0, child.ExitCode));

            var stored = (await store.LoadAsync()).Select(k => k.KeyId).ToHashSet();
            Assert.Contains(next, stored);
            await StoredKeyChecks.AssertNoPrivateKeyIsRevealedAsync(store, keyRing);
        }
        finally
        {
            foreach (var child in children)
            {
                if (!child.HasExited) child.Kill(entireProcessTree: true);
                child.Dispose();
            }
        }
    }

    /// <summary>Asks every process for its kid until all name the same one that <paramref name="wanted"/> accepts (polling, within the test's limit).</summary>
    private static async Task<string> AgreeAsync(List<Process> children, Func<string, bool> wanted, string what, CancellationToken limit)
    {
        var answers = new List<string>();
        while (true)
        {
            answers.Clear();
            foreach (var child in children) await child.StandardInput.WriteLineAsync("report");
            for (int i = 0; i < children.Count; i++)
            {
                string? line = await children[i].StandardOutput.ReadLineAsync(limit);
                Assert.True(line?.StartsWith("signs ", StringComparison.Ordinal) == true, $"issuer process {i} answered \"{line}\"");
                answers.Add(line!["signs ".Length..]);
            }
            if (answers.Distinct().Count() == 1 && wanted(answers[0])) return answers[0];
            if (limit.IsCancellationRequested) throw new TimeoutException($"The processes did not {what} within {Limit}: {string.Join(", ", answers)}");
            await Task.Delay(100, limit);
        }
    }

    private static async Task ExpectAsync(Process process, int index, string expected, CancellationToken limit)
    {
        string? line = await process.StandardOutput.ReadLineAsync(limit);
        if (line != expected) throw new InvalidOperationException($"Issuer process {index} said \"{line}\" instead of \"{expected}\" (its errors are on the test's output).");
    }

    private static string DotnetHost()
        => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}

public sealed class RedisProcessesOnOneStoreTests : ProcessesOnOneStoreTests
{
    protected override async Task<SharedStore> CreateStoreAsync() => await RedisSharedStore.CreateAsync();
}

public sealed class PostgresProcessesOnOneStoreTests : ProcessesOnOneStoreTests
{
    protected override async Task<SharedStore> CreateStoreAsync() => await PostgresSharedStore.CreateAsync();
}
