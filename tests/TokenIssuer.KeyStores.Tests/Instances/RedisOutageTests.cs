using Xunit.Abstractions;
using System.Diagnostics;

namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>
/// The store goes away while two instances issue: a redis-server of the test's own is killed just before a key falls
/// due and started again on the same port after it fell due. Issuing never fails, a downstream JwtBearer accepts every
/// token, each instance logs the outage once (naming the store) and its end once, and the key that fell due is created
/// once, when the store is back. On the wall clock in seconds; every wait polls for a condition, within a bound.
/// </summary>
[Collection(InstancesCollection.Name)]
public sealed class RedisOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Rotation = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);

    private static ManagedKeyManagerOptions Timings => new() { StoreRetryInterval = TimeSpan.FromMilliseconds(500), SynchronizationDelay = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task TwoInstancesIssueThroughARedisOutageAndTheKeyThatFellDueIsCreatedOnceWhenItIsBack()
    {
        await using var server = await OwnRedisServer.StartAsync();
        await using var store = await RedisSharedStore.CreateAsync(server.Endpoint);
        using var keyRing = new SharedKeyRing();
        var settings = IssuingInstance.Settings(Rotation, Propagation, retention: TimeSpan.FromSeconds(3), expiresIn: TimeSpan.FromSeconds(2));
        var started = await Task.WhenAll(IssuingInstance.StartAsync(store, keyRing, settings, Timings), IssuingInstance.StartAsync(store, keyRing, settings, Timings));
        await using var a = started[0];
        await using var b = started[1];
        await using var downstream = await DownstreamValidator.StartAsync(IssuingInstance.PublicUrl, "orders-api", a.CreateHandler(), b.CreateHandler());
        await PollAsync(() => Task.FromResult(a.SigningKid() == b.SigningKid()), "the instances to sign with one key");
        var before = await store.LoadAsync();
        var due = before.Max(k => k.Created) + Rotation - Propagation;

        using var stop = new CancellationTokenSource();
        var issuing = IssueAsync([a, b], downstream, stop.Token);

        // Down from 2 s before the next key is due until 2 s after: the key falls due during the outage.
        await PollAsync(() => Task.FromResult(DateTimeOffset.UtcNow >= due - TimeSpan.FromSeconds(2)), "the outage to begin");
        await server.StopAsync();
        var stoppedAt = DateTimeOffset.UtcNow;
        await PollAsync(() => Task.FromResult(DateTimeOffset.UtcNow >= due + TimeSpan.FromSeconds(2)
            && a.Logs.TokenIssuerEvents(106).Count > 0 && b.Logs.TokenIssuerEvents(106).Count > 0), "both instances to notice the outage");
        var keysDuringOutage = new[] { a.SigningKid(), b.SigningKid() };
        // Taken before the restart: an instance may reach the server and create the key before StartAgainAsync has seen
        // it answer (that took more than its 50 ms poll on a loaded machine), and nothing can reach it before it starts.
        var restartingAt = DateTimeOffset.UtcNow;
        await server.StartAgainAsync();
        var restartedAt = DateTimeOffset.UtcNow;

        // Back: a new key is created, announced, and both instances sign with it once it activates.
        var oldKids = before.Select(k => k.KeyId).ToHashSet();
        await PollAsync(() => Task.FromResult(!oldKids.Contains(a.SigningKid()) && !oldKids.Contains(b.SigningKid())), "both instances to sign with the key created after the outage");
        var bothOnNewKeyAt = DateTimeOffset.UtcNow;
        await stop.CancelAsync();
        var (issued, failures, rejected) = await issuing;

        Assert.True(failures.Count == 0, $"{failures.Count} of {issued} issues failed: {string.Join(" | ", failures.Take(3))}");
        Assert.True(rejected == 0, $"{rejected} of {issued} tokens were rejected downstream");
        Assert.True(issued > 100, $"only {issued} tokens were issued");
        Assert.All(keysDuringOutage, kid => Assert.Contains(kid, oldKids));
        foreach (var instance in new[] { a, b })
        {
            // Once per outage, naming the store; once back.
            var outage = Assert.Single(instance.Logs.TokenIssuerEvents(106));
            Assert.Contains($"Redis hash \"{store.Key}\" on {server.Endpoint}", outage.Message, StringComparison.Ordinal);
            Assert.Single(instance.Logs.TokenIssuerEvents(107));
        }

        // The key that fell due was created once, by one instance, after the store came back; none during the outage.
        var after = await store.LoadAsync();
        var created = a.Logs.TokenIssuerEvents(100).Concat(b.Logs.TokenIssuerEvents(100)).Select(TwoInstancesRotationTests.KidOf).ToList();
        var duplicates = a.Logs.TokenIssuerEvents(111).Concat(b.Logs.TokenIssuerEvents(111)).Select(TwoInstancesRotationTests.KidOf).ToHashSet();
        var newKeys = after.Where(k => !oldKids.Contains(k.KeyId)).ToList();
        var newKey = Assert.Single(newKeys);
        Assert.True(newKey.Created >= restartingAt, $"the new key was created at {newKey.Created:O}, the store was down from {stoppedAt:O} and restarted from {restartingAt:O} (answering by {restartedAt:O})");
        Assert.Equal(created.Where(kid => !oldKids.Contains(kid) && !duplicates.Contains(kid)), [newKey.KeyId]);
        Assert.DoesNotContain(after, k => k.Created > stoppedAt && k.Created < restartingAt);
        await StoredKeyChecks.AssertNoPrivateKeyIsRevealedAsync(store, keyRing);
        output.WriteLine($"outage {(restartedAt - stoppedAt).TotalSeconds:0.0}s (key due {(due - stoppedAt).TotalSeconds:0.0}s into it); " +
            $"{issued} tokens issued, {failures.Count} failed, {rejected} of {(issued + 9) / 10} checked rejected; " +
            $"new key created {(newKey.Created - restartedAt).TotalSeconds:0.00}s after the restart, signing on both {(bothOnNewKeyAt - restartedAt).TotalSeconds:0.0}s after; " +
            $"{duplicates.Count} duplicate(s) deleted by their creator");
    }

    /// <summary>Issues from every instance in turn until stopped, and validates every tenth token downstream.</summary>
    private static async Task<(int Issued, List<string> Failures, int Rejected)> IssueAsync(IssuingInstance[] instances, DownstreamValidator downstream, CancellationToken stop)
    {
        int issued = 0, rejected = 0;
        var failures = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            foreach (var instance in instances)
            {
                try
                {
                    string token = instance.Issuer.Issue("Access", new Dictionary<string, object?> { ["sub"] = "during-outage" });
                    if (issued++ % 10 == 0 && !await downstream.AcceptsAsync(token)) rejected++;
                }
                catch (Exception e)
                {
                    failures.Add(e.GetType().Name + ": " + e.Message);
                }
            }
            try
            {
                await Task.Delay(10, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
        return (issued, failures, rejected);
    }

    internal static async Task PollAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Bound) throw new TimeoutException($"Waited {Bound} for {what}.");
            await Task.Delay(50);
        }
    }
}
