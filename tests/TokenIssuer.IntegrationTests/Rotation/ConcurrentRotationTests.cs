using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.IntegrationTests.Rotation;

[CollectionDefinition(nameof(ConcurrentRotationCollection), DisableParallelization = true)]
public sealed class ConcurrentRotationCollection;

/// <summary>
/// Four threads issue continuously while the main thread rotates keys, by rewriting a PEM file and
/// calling Reload() and by reloading configuration. Every token must verify with the key its kid names;
/// none may fail or go missing.
/// </summary>
[Collection(nameof(ConcurrentRotationCollection))]
public sealed class ConcurrentRotationTests
{
    private const int Threads = 4;
    private const int TokensPerThread = 2000;
    private const int Rotations = 6;

    [Fact]
    public async Task TokensIssuedDuringRotationsAllVerifyWithTheKeyTheirKidNames()
    {
        using var root = new TempDirectory();
        var publicKeys = new ConcurrentDictionary<string, GeneratedEcKey>();
        GeneratedEcKey NewKey()
        {
            var key = TestKeys.NewEc();
            Assert.True(publicKeys.TryAdd(key.Thumbprint, key));
            return key;
        }

        root.WriteFile("keys/file.pem", NewKey().PrivatePem);
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:File:PemFile"] = "keys/file.pem",
            ["JwtIssuer:Keys:Config:Pem"] = NewKey().PrivatePem,
            ["JwtIssuer:Profiles:FromFile:SigningKey"] = "File",
            ["JwtIssuer:Profiles:FromFile:ExpiresIn"] = "15m",
            ["JwtIssuer:Profiles:FromConfig:SigningKey"] = "Config",
            ["JwtIssuer:Profiles:FromConfig:ExpiresIn"] = "15m",
        }, contentRoot: root.Path);
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);
        var issuer = host.Issuer;
        var runtime = host.Runtime;

        int issued = 0;
        using var rotationsDone = new ManualResetEventSlim();
        var tokens = new string[Threads][];
        var workers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(() =>
        {
            var mine = new string[TokensPerThread];
            for (int i = 0; i < TokensPerThread; i++)
            {
                // The last token of each thread waits for the rotations, so that all of them happen
                // while every thread is still issuing.
                if (i == TokensPerThread - 1 && !rotationsDone.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException("the rotations did not finish");
                string profile = i % 2 == 0 ? "FromFile" : "FromConfig";
                mine[i] = issuer.Issue(profile, new Dictionary<string, object?> { ["n"] = t * TokensPerThread + i });
                Interlocked.Increment(ref issued);
            }
            tokens[t] = mine;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        try
        {
            var deadline = Stopwatch.StartNew();
            for (int rotation = 1; rotation <= Rotations; rotation++)
            {
                // Rotate once the workers have issued a further share of their tokens (no sleeping: spin).
                int threshold = rotation * (Threads * (TokensPerThread - 1)) / (Rotations + 1);
                var spin = new SpinWait();
                while (Volatile.Read(ref issued) < threshold && !workers.Any(w => w.IsCompleted))
                {
                    Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the workers stopped issuing");
                    spin.SpinOnce();
                }
                if (workers.Any(w => w.IsFaulted)) break;

                if (rotation % 2 == 1)
                {
                    root.WriteFile("keys/file.pem", NewKey().PrivatePem);
                    runtime.Reload();
                }
                else
                {
                    host.Configuration.Change(("JwtIssuer:Keys:Config:Pem", NewKey().PrivatePem));
                }
            }
        }
        finally
        {
            rotationsDone.Set();
        }
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));

        var all = tokens.SelectMany(t => t).Select(t => new Jwt(t)).ToList();
        Assert.Equal(Threads * TokensPerThread, all.Count);
        Assert.Equal(Enumerable.Range(0, Threads * TokensPerThread), all.Select(t => t.Payload.GetProperty("n").GetInt32()).Order());
        foreach (var token in all)
        {
            Assert.True(publicKeys.TryGetValue(token.Kid!, out var key), $"unknown kid {token.Kid}");
            Assert.True(token.VerifiesWith(key.PublicKey), $"token {token.Payload.GetProperty("n")} does not verify with the key of its kid");
        }

        // Rotations really happened under load: each profile signed with several keys.
        var kidsPerProfile = all.GroupBy(t => t.Payload.GetProperty("n").GetInt32() % TokensPerThread % 2).Select(g => g.Select(t => t.Kid).Distinct().Count());
        Assert.All(kidsPerProfile, count => Assert.True(count >= 2, $"only {count} kid(s) seen for a profile"));
        Assert.Empty(host.Logs.TokenIssuerEvents(3));
    }
}
