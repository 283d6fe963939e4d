using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace TokenIssuer.KeyManagement.Tests;

public class ManagedKeyManagerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeTimeProvider _time = new(TestKeys.T0);
    private readonly DirectoryInfo _folder = TestKeys.NewFolder("keys");
    private readonly IDataProtectionProvider _keyRing = TestKeys.KeyRing(TestKeys.NewFolder("dp"));

    private ManagedKeyManager Manager(IJwtKeyStore store, FakeLogger? logger = null, ManagedKeyManagerOptions? options = null, IDataProtectionProvider? keyRing = null)
        => new(new Dictionary<string, ManagedKeySettings> { ["signing"] = TestKeys.Seconds }, store, new ManagedKeyProtector(keyRing ?? _keyRing), _time,
            logger ?? new FakeLogger(), options ?? new ManagedKeyManagerOptions { SynchronizationDelay = TimeSpan.Zero });

    private TestStore Store() => new(new FileSystemJwtKeyStore(_folder));

    private async Task AtSecond(double seconds, params ManagedKeyManager[] managers)
    {
        _time.SetUtcNow(TestKeys.T0.AddSeconds(seconds));
        foreach (var manager in managers) await manager.RefreshAsync(None);
    }

    [Fact]
    public async Task TheFirstStartOnAnEmptyStoreCreatesAKeyThatSignsAtOnce()
    {
        var logger = new FakeLogger();
        var store = Store();
        await using var manager = Manager(store, logger);

        await manager.StartAsync(None);

        var snapshot = manager.GetSnapshot("signing");
        var active = Assert.Single(snapshot.Keys);
        Assert.Same(active, snapshot.Active);
        Assert.Equal(ManagedKeyState.Active, active.State);
        Assert.Equal(JwtAlgorithm.ES256, active.Algorithm);
        Assert.Equal(active.KeyId, active.Key.KeyId);
        Assert.Equal(1, store.Adds);
        Assert.Equal([100, 103], logger.Collector.GetSnapshot().Select(r => r.Id.Id));
    }

    [Fact]
    public async Task ARestartedInstanceSignsWithTheCurrentKey()
    {
        string kid;
        await using (var first = Manager(Store()))
        {
            await first.StartAsync(None);
            kid = first.GetSnapshot("signing").Active.KeyId;
        }

        _time.Advance(TimeSpan.FromSeconds(30));
        var store = Store();
        await using var second = Manager(store);
        await second.StartAsync(None);

        Assert.Equal(kid, second.GetSnapshot("signing").Active.KeyId);
        Assert.Equal(0, store.Adds);
    }

    [Fact]
    public async Task InstancesRacingOnAnEmptyStoreWaitTheSynchronisationDelayAndAgreeOnTheOldestKey()
    {
        var options = new ManagedKeyManagerOptions { SynchronizationDelay = TimeSpan.FromSeconds(3) };
        var a = Store();
        var b = Store();
        var meeting = new Meeting();
        a.MeetBeforeAdding(meeting);
        b.MeetBeforeAdding(meeting);
        var shared = new TestStore(new FileSystemJwtKeyStore(_folder));
        await using var m1 = Manager(a, options: options);
        await using var m2 = Manager(b, options: options);

        // Both read an empty store and both create a key; each waits before deciding which signs.
        var both = Task.WhenAll(m1.RefreshAsync(None), m2.RefreshAsync(None));
        while (!both.IsCompleted)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(both, Task.Delay(20));
        }

        await both;
        Assert.Equal(2, (await shared.LoadKeysAsync(None)).Count);
        Assert.Equal(m1.GetSnapshot("signing").Active.KeyId, m2.GetSnapshot("signing").Active.KeyId);
        Assert.Equal(2, m1.GetSnapshot("signing").Keys.Count);
    }

    [Fact]
    public async Task TwoInstancesCreatingTheDueKeyAtOnceLeaveOneKeyTheCreatorOfTheYoungerDeletesItsOwnBeforeItSigns()
    {
        var a = Store();
        var b = Store();
        var logA = new FakeLogger();
        var logB = new FakeLogger();
        await using var m1 = Manager(a, logA);
        await using var m2 = Manager(b, logB);
        await AtSecond(0, m1, m2);
        string first = m1.GetSnapshot("signing").Active.KeyId;

        // Both read the store at the due time (76 s) before either writes: both create a key.
        var meeting = new Meeting();
        a.MeetBeforeAdding(meeting);
        b.MeetBeforeAdding(meeting);
        _time.SetUtcNow(TestKeys.T0.AddSeconds(76));
        await Task.WhenAll(m1.RefreshAsync(None), m2.RefreshAsync(None));
        // The loser deletes its key in that pass if it saw the winner's, else at its next read; the others' next read drops it.
        await AtSecond(77, m1, m2);
        await AtSecond(78, m1, m2);

        var stored = await a.LoadKeysAsync(None);
        Assert.Equal(2, stored.Count);
        string next = Assert.Single(stored, k => k.KeyId != first).KeyId;
        var deleted = logA.Collector.GetSnapshot().Concat(logB.Collector.GetSnapshot()).Where(r => r.Id.Id == 111).ToList();
        var duplicate = Assert.Single(deleted);
        Assert.Contains($"another instance created {next} for the same rotation", duplicate.Message, StringComparison.Ordinal);
        Assert.Equal(2, logA.Collector.GetSnapshot().Concat(logB.Collector.GetSnapshot()).Count(r => r.Id.Id == 100 && r.Message.Contains("signs from 2030-01-01T00:01:30", StringComparison.Ordinal)));

        // Both publish the one key that is left, and sign with it at its activation.
        Assert.Equal([first, next], m1.GetSnapshot("signing").Keys.Select(k => k.KeyId));
        Assert.Equal([first, next], m2.GetSnapshot("signing").Keys.Select(k => k.KeyId));
        await AtSecond(90, m1, m2);
        Assert.Equal(next, m1.GetSnapshot("signing").Active.KeyId);
        Assert.Equal(next, m2.GetSnapshot("signing").Active.KeyId);
    }

    [Fact]
    public async Task TwoInstancesOnOneFolderConvergeOnOneActiveKeyAcrossTwoRotations()
    {
        var a = Store();
        var b = Store();
        await using var m1 = Manager(a);
        await using var m2 = Manager(b);
        await AtSecond(0, m1, m2);

        var firstState = new Dictionary<string, ManagedKeyState>();
        var signers = new List<string>();
        for (double t = 0.5; t <= 260; t += 0.5)
        {
            // Alternate who looks first; at the moments a key falls due, let both create one (a race).
            if (t is 76 or 152)
            {
                var meeting = new Meeting();
                a.MeetBeforeAdding(meeting);
                b.MeetBeforeAdding(meeting);
                _time.SetUtcNow(TestKeys.T0.AddSeconds(t));
                await Task.WhenAll(m1.RefreshAsync(None), m2.RefreshAsync(None));
            }
            else if (t % 1 == 0) await AtSecond(t, m1, m2);
            else await AtSecond(t, m2, m1);

            var s1 = m1.GetSnapshot("signing");
            var s2 = m2.GetSnapshot("signing");
            Assert.Equal(s1.Active.KeyId, s2.Active.KeyId);
            foreach (var key in s1.Keys.Concat(s2.Keys)) firstState.TryAdd(key.KeyId, key.State);
            if (signers.LastOrDefault() != s1.Active.KeyId) signers.Add(s1.Active.KeyId);
        }

        // Each rotation raced (two keys created, the younger deleted by its creator); the signer moved on at least
        // twice, every later key was announced before it signed, and the expired keys left the store.
        Assert.True(signers.Count >= 3, $"signers: {string.Join(", ", signers)}");
        Assert.Equal(signers.Count, signers.Distinct().Count());
        Assert.All(signers.Skip(1), kid => Assert.Equal(ManagedKeyState.Announced, firstState[kid]));
        var stored = await a.LoadKeysAsync(None);
        Assert.DoesNotContain(stored, k => k.KeyId == signers[0]);
        Assert.Contains(stored, k => k.KeyId == signers[^1]);
    }

    [Fact]
    public async Task ANewKeyIsPublishedPropagationTimeBeforeItSignsAndTheOldOneRetiresThenLeaves()
    {
        var logger = new FakeLogger();
        var released = new List<SigningKey>();
        await using var manager = Manager(Store(), logger, new ManagedKeyManagerOptions { SynchronizationDelay = TimeSpan.Zero, ReleaseKey = released.Add });
        await manager.StartAsync(None);
        string first = manager.GetSnapshot("signing").Active.KeyId;

        await AtSecond(76, manager);
        var announced = manager.GetSnapshot("signing");
        var next = Assert.Single(announced.Keys, k => k.State == ManagedKeyState.Announced);
        Assert.Equal(first, announced.Active.KeyId);
        Assert.Equal(TestKeys.T0.AddSeconds(90), next.Activates);

        var token = manager.GetChangeToken();
        await AtSecond(89, manager);
        Assert.False(token.HasChanged);
        await AtSecond(90, manager);
        Assert.True(token.HasChanged);
        var rotated = manager.GetSnapshot("signing");
        Assert.Equal(next.KeyId, rotated.Active.KeyId);
        Assert.Equal(ManagedKeyState.Retired, rotated.Keys.Single(k => k.KeyId == first).State);
        Assert.Empty(released);

        await AtSecond(104, manager);
        Assert.DoesNotContain(manager.GetSnapshot("signing").Keys, k => k.KeyId == first);
        Assert.Equal(first, Assert.Single(released).KeyId);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, $"key-{first}.json")));
        Assert.Equal([100, 103, 100, 102, 104, 105], logger.Collector.GetSnapshot().Select(r => r.Id.Id));
    }

    [Fact]
    public async Task WithoutAReleaseCallbackARemovedKeyIsDisposedAWhileAfterItLeft()
    {
        await using var manager = Manager(Store());
        await manager.StartAsync(None);
        var first = manager.GetSnapshot("signing").Active.Key;
        await AtSecond(76, manager);
        await AtSecond(104, manager);

        Assert.DoesNotContain(manager.GetSnapshot("signing").Keys, k => ReferenceEquals(k.Key, first));
        Assert.NotEmpty(first.ExportPrivateKey()); // a caller holding the previous snapshot may still be signing

        await AtSecond(150, manager);
        Assert.NotEmpty(first.ExportPrivateKey()); // RemovedKeyDisposalDelay: 1 minute

        await AtSecond(165, manager);
        Assert.ThrowsAny<ObjectDisposedException>(() => first.ExportPrivateKey());
    }

    [Fact]
    public async Task TheNextRefreshComesAtTheNextChangeAndAtLeastEveryHalfPropagationTime()
    {
        await using var manager = Manager(Store());
        _time.SetUtcNow(TestKeys.T0);
        var afterStart = await manager.RefreshAsync(None);
        Assert.Equal(TimeSpan.FromSeconds(7), afterStart); // half of PropagationTime (14 s); the next change is later

        await AtSecond(72, manager);
        Assert.Equal(TimeSpan.FromSeconds(4), await manager.RefreshAsync(None)); // the next key falls due at 76 s
    }

    [Fact]
    public async Task WhileTheStoreIsDownTheLastKeysAreServedAndMovedAlongTheTimeline()
    {
        var logger = new FakeLogger();
        var store = Store();
        await using var manager = Manager(store, logger);
        await manager.StartAsync(None);
        await AtSecond(76, manager);
        string next = manager.GetSnapshot("signing").Keys.Single(k => k.State == ManagedKeyState.Announced).KeyId;

        store.Down = true;
        await AtSecond(80, manager);
        await AtSecond(90, manager);
        await AtSecond(120, manager);

        Assert.Equal(next, manager.GetSnapshot("signing").Active.KeyId);
        Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 106);
        Assert.Contains(store.Description, logger.Collector.GetSnapshot().Single(r => r.Id.Id == 106).Message);
    }

    [Fact]
    public async Task AKeyThatFellDueDuringAnOutageIsCreatedOnceWhenTheStoreIsBack()
    {
        var logger = new FakeLogger();
        var store = Store();
        await using var manager = Manager(store, logger);
        await manager.StartAsync(None);
        string first = manager.GetSnapshot("signing").Active.KeyId;

        store.Down = true;
        await AtSecond(70, manager);
        await AtSecond(80, manager);
        await AtSecond(95, manager);
        Assert.Equal(1, store.Adds);
        Assert.Equal(first, manager.GetSnapshot("signing").Active.KeyId); // overdue, and nothing to take over: it keeps signing

        store.Down = false;
        await AtSecond(96, manager);
        await AtSecond(97, manager);
        await AtSecond(98, manager);

        Assert.Equal(2, store.Adds);
        Assert.Equal(2, (await store.LoadKeysAsync(None)).Count);
        Assert.Equal(first, manager.GetSnapshot("signing").Active.KeyId);
        var records = logger.Collector.GetSnapshot();
        Assert.Single(records, r => r.Id.Id == 106);
        Assert.Single(records, r => r.Id.Id == 107);
    }

    [Fact]
    public async Task AStoreThatFailsAtTheFirstLoadIsAnErrorNamingIt()
    {
        var store = Store();
        store.Down = true;
        await using var manager = Manager(store);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => manager.StartAsync(None));

        Assert.Equal($"TokenIssuer cannot load its managed signing keys from {store.Description}, and has none from before to sign with. Check that the store is reachable and readable by this app, then start again.", error.Message);
        Assert.IsType<IOException>(error.InnerException);
    }

    [Fact]
    public async Task AnInstanceWithAnotherDataProtectionKeyRingSaysSoAndDoesNotStart()
    {
        await using (var first = Manager(Store()))
        {
            await first.StartAsync(None);
        }

        var logger = new FakeLogger();
        await using var other = Manager(Store(), logger, keyRing: TestKeys.KeyRing(TestKeys.NewFolder("dp-other")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => other.StartAsync(None));

        Assert.Contains("its Data Protection key ring is not the one that protected the key", error.Message);
        Assert.Contains($"file system ({_folder.FullName})", error.Message);
        Assert.Equal(108, Assert.Single(logger.Collector.GetSnapshot()).Id.Id);
    }

    [Fact]
    public async Task NoStoreFileContainsThePrivateKey()
    {
        await using var manager = new ManagedKeyManager(
            new Dictionary<string, ManagedKeySettings>
            {
                ["signing"] = TestKeys.Seconds,
                ["rsa"] = TestKeys.Seconds with { Algorithm = JwtAlgorithm.RS256 },
            },
            Store(), new ManagedKeyProtector(_keyRing), _time, new FakeLogger(), new ManagedKeyManagerOptions { SynchronizationDelay = TimeSpan.Zero });
        await manager.StartAsync(None);
        await AtSecond(80, manager);

        var keys = manager.Snapshots.Values.SelectMany(s => s.Keys).ToArray();
        Assert.Equal(4, keys.Length);
        string[] files = _folder.GetFiles("*", SearchOption.AllDirectories).Select(f => File.ReadAllText(f.FullName)).ToArray();
        Assert.Equal(8, files.Length); // a record and a claim per key
        foreach (var key in keys)
        {
            foreach (string secret in ManagedKeyProtectorTests.PrivateKeyForms(key.Key))
            {
                Assert.All(files, text => Assert.DoesNotContain(secret, text));
            }
        }
    }

    [Fact]
    public async Task TheBackgroundLoopRefreshesOnTheTimeProvider()
    {
        var store = Store();
        await using var manager = Manager(store);
        await manager.StartAsync(None);
        int loads = store.Loads;

        for (int i = 0; i < 200 && store.Loads == loads; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(7));
            await Task.Delay(10);
        }

        Assert.True(store.Loads > loads);
    }
}
