namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>
/// The key-lifecycle issue's "done when", on a real shared store: two instances of an issuing app share one store and
/// one Data Protection key ring, a third app validates their tokens with stock JwtBearer through discovery, and tokens
/// are issued from both instances across two rotations with none rejected. The wall clock with seconds-long
/// intervals (JwtBearer validates lifetimes on the system clock, so a test clock cannot drive it); nothing is waited
/// for a fixed time: the loop samples until the rotations have happened, within a bound.
/// </summary>
[Collection(InstancesCollection.Name)]
public abstract class TwoInstancesRotationTests
{
    // Rotation every 7 s, announced 3 s before signing, kept 3 s after: RetentionTime covers ExpiresIn (2 s).
    // PropagationTime covers both lags: an instance re-reads the store at least every 1.5 s, the validator refreshes every second.
    private static readonly TimeSpan Retention = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    protected abstract Task<SharedStore> CreateStoreAsync();

    [Fact]
    public async Task TwoInstancesOnOneStoreRotateTwiceWithoutADownstreamServiceRejectingAToken()
    {
        await using var store = await CreateStoreAsync();
        using var keyRing = new SharedKeyRing();
        var settings = IssuingInstance.Settings(rotation: TimeSpan.FromSeconds(7), propagation: TimeSpan.FromSeconds(3), retention: Retention, expiresIn: TimeSpan.FromSeconds(2));
        var started = await Task.WhenAll(IssuingInstance.StartAsync(store, keyRing, settings), IssuingInstance.StartAsync(store, keyRing, settings));
        await using var a = started[0];
        await using var b = started[1];
        await using var downstream = await DownstreamValidator.StartAsync(IssuingInstance.PublicUrl, "orders-api", a.CreateHandler(), b.CreateHandler());

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var firstPublished = new Dictionary<string, TimeSpan>();
        var firstSigned = new Dictionary<string, TimeSpan>();
        var lastSigned = new Dictionary<string, TimeSpan>();
        var unpublished = new Dictionary<string, TimeSpan>();
        var everStored = new Dictionary<string, JwtStoredKey>();
        var rejected = new List<(TimeSpan At, string Kid)>();
        int validated = 0;
        string? firstKey = null;

        while (clock.Elapsed < Deadline)
        {
            foreach (var record in await store.LoadAsync()) everStored.TryAdd(record.KeyId, record);
            var published = (await a.JwksAsync()).Union(await b.JwksAsync()).ToHashSet();
            foreach (string kid in published) firstPublished.TryAdd(kid, clock.Elapsed);
            foreach (string kid in firstPublished.Keys.Where(k => !published.Contains(k))) unpublished.TryAdd(kid, clock.Elapsed);

            string[] tokens =
            [
                a.Issuer.Issue("Access", new Dictionary<string, object?> { ["sub"] = "from-a" }),
                b.Issuer.Issue("Access", new Dictionary<string, object?> { ["sub"] = "from-b" }),
            ];
            var now = clock.Elapsed;
            foreach (string token in tokens)
            {
                string kid = new Jwt(token).Kid!;
                firstKey ??= kid;
                firstSigned.TryAdd(kid, now);
                lastSigned[kid] = now;
                if (await downstream.AcceptsAsync(token)) validated++;
                else rejected.Add((now, kid));
            }

            // Done once the first key has been replaced, a second rotation has happened, and the first key has left.
            if (firstSigned.Keys.Count(k => k != firstKey) >= 2 && unpublished.ContainsKey(firstKey!)) break;
            await Task.Delay(100);
        }

        // Stopped before the store's last read: a key either instance created after the loop's last sample (the next
        // rotation's, logged 100) is then in that read, not only in the logs.
        await Task.WhenAll(a.App.StopAsync(), b.App.StopAsync());
        foreach (var record in await store.LoadAsync()) everStored.TryAdd(record.KeyId, record);

        string timeline = string.Join("; ", firstPublished.Select(p => $"{p.Key[..8]} published {p.Value.TotalSeconds:0.0}s" +
            (firstSigned.TryGetValue(p.Key, out var f) ? $", signed {f.TotalSeconds:0.0}s-{lastSigned[p.Key].TotalSeconds:0.0}s" : ", never signed") +
            (unpublished.TryGetValue(p.Key, out var g) ? $", gone {g.TotalSeconds:0.0}s" : "")));
        Assert.True(firstSigned.Keys.Count(k => k != firstKey) >= 2, $"on {store.Server}, only {firstSigned.Count} keys signed within {Deadline}: {timeline}");
        Assert.True(rejected.Count == 0, $"on {store.Server}, {rejected.Count} of {rejected.Count + validated} tokens were rejected downstream ({string.Join(", ", rejected.Select(r => $"{r.Kid[..8]} at {r.At.TotalSeconds:0.0}s"))}): {timeline}");
        foreach (var (kid, signed) in firstSigned.Where(s => s.Key != firstKey))
        {
            Assert.True(firstPublished[kid] < signed, $"key {kid} signed at {signed} but was first published at {firstPublished[kid]}: {timeline}");
        }
        foreach (var (kid, gone) in unpublished.Where(u => firstSigned.ContainsKey(u.Key)))
        {
            Assert.True(gone - lastSigned[kid] >= Retention - TimeSpan.FromSeconds(0.5), $"key {kid} last signed at {lastSigned[kid]} and left the JWKS at {gone}: {timeline}");
        }

        AssertOneKeyPerRotation(everStored.Values, [a, b], TimeSpan.FromSeconds(7) - TimeSpan.FromSeconds(3), timeline);
        var duplicates = a.Logs.TokenIssuerEvents(111).Concat(b.Logs.TokenIssuerEvents(111)).Select(KidOf).ToList();
        Assert.All(duplicates, kid => Assert.DoesNotContain(kid, firstSigned.Keys));
        // A key that left the JWKS without ever signing is a duplicate its creator deleted, or a spare of the first start:
        // that one stays (it may have signed in the instant the instances started) and expires unused, and when the loop
        // samples slowly (a loaded machine) it is gone by the sample that sees the first key gone (failed CI on both stores).
        var firstCreated = everStored.Values.Min(r => r.Created);
        Assert.All(unpublished.Keys.Where(k => !firstSigned.ContainsKey(k)), kid => Assert.True(
            duplicates.Contains(kid) || (everStored.TryGetValue(kid, out var record) && IsFirstStartKey(record, firstCreated)),
            $"on {store.Server}, key {kid[..8]} left the JWKS without ever signing, and is neither a duplicate its creator deleted " +
            $"({string.Join(", ", duplicates.Select(d => d[..8]))}) nor a spare of the first start: {timeline}"));
        // Expired keys were deleted from the store, and what is left reveals no private key.
        var stored = (await store.LoadAsync()).Select(k => k.KeyId).ToHashSet();
        Assert.DoesNotContain(firstKey!, stored);
        await StoredKeyChecks.AssertNoPrivateKeyIsRevealedAsync(store, keyRing);
    }

    /// <summary>
    /// Every stored key was created by exactly one instance (log 100), and apart from the keys of the first start (every
    /// instance may store one on an empty store, within a second of each other) keys were created one per rotation:
    /// each at least <paramref name="due"/> (RotationInterval - PropagationTime) after the one before, less a second of scheduling.
    /// </summary>
    internal static void AssertOneKeyPerRotation(IEnumerable<JwtStoredKey> stored, IReadOnlyList<IssuingInstance> instances, TimeSpan due, string context)
    {
        var created = instances.SelectMany(i => i.Logs.TokenIssuerEvents(100)).Select(KidOf).ToList();
        // A key its creator deleted at once because another instance created one for the same rotation (log 111).
        var duplicates = instances.SelectMany(i => i.Logs.TokenIssuerEvents(111)).Select(KidOf).ToHashSet();
        var records = stored.Where(r => !duplicates.Contains(r.KeyId)).OrderBy(r => r.Created).ToList();
        Assert.Equal(created.Distinct().Count(), created.Count);
        Assert.Subset(created.ToHashSet(), duplicates);
        var storedKids = records.Select(r => r.KeyId).Order(StringComparer.Ordinal).ToList();
        var createdKids = created.Where(kid => !duplicates.Contains(kid)).Order(StringComparer.Ordinal).ToList();
        Assert.True(storedKids.SequenceEqual(createdKids),
            $"the keys ever read from the store are not the keys the instances logged as created (100) less the duplicates (111): " +
            $"stored only {string.Join(", ", records.Where(r => !createdKids.Contains(r.KeyId)).Select(r => $"{r.KeyId[..8]} created {r.Created:HH:mm:ss.fff}"))}; " +
            $"logged only {string.Join(", ", createdKids.Except(storedKids).Select(kid => kid[..8]))}; duplicates {string.Join(", ", duplicates.Select(kid => kid[..8]))}; {context}");
        var first = records[0].Created;
        var later = records.SkipWhile(r => IsFirstStartKey(r, first)).ToList();
        var previous = records[records.Count - later.Count - 1].Created;
        foreach (var record in later)
        {
            Assert.True(record.Created - previous >= due - TimeSpan.FromSeconds(1),
                $"key {record.KeyId[..8]} was created {(record.Created - previous).TotalSeconds:0.00}s after the one before (due every {due.TotalSeconds}s): two keys for one rotation. Keys: " +
                string.Join(", ", records.Select(r => $"{r.KeyId[..8]} at +{(r.Created - first).TotalSeconds:0.00}s")) + $"; {context}");
            previous = record.Created;
        }
    }

    /// <summary>A key of the first start: every instance may store one on the empty store, within a second of the first.</summary>
    private static bool IsFirstStartKey(JwtStoredKey record, DateTimeOffset firstCreated) => record.Created - firstCreated < TimeSpan.FromSeconds(1);

    internal static string KidOf(CapturedLog log) => log.StateValues.Single(v => v.StartsWith("KeyId=", StringComparison.Ordinal))["KeyId=".Length..];
}

public sealed class RedisTwoInstancesRotationTests : TwoInstancesRotationTests
{
    protected override async Task<SharedStore> CreateStoreAsync() => await RedisSharedStore.CreateAsync();
}

public sealed class PostgresTwoInstancesRotationTests : TwoInstancesRotationTests
{
    protected override async Task<SharedStore> CreateStoreAsync() => await PostgresSharedStore.CreateAsync();
}
