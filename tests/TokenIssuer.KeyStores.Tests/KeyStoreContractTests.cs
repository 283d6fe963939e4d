using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.KeyStores.Tests;

/// <summary>
/// What every <see cref="IJwtKeyStore"/> must do, run against each real store. A derived class gives each test
/// a store namespace of its own (a Redis key, a database, a file) and makes "hosts" on it: separate service
/// providers, as separate app instances would be. Adding a store (the file system) is one more derived class.
/// </summary>
public abstract class KeyStoreContractTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _hosts = [];

    /// <summary>Prepares this test's namespace; fails, naming the server and how to start it, when it cannot be reached.</summary>
    protected abstract Task CreateNamespaceAsync();

    /// <summary>Removes this test's namespace.</summary>
    protected abstract Task DeleteNamespaceAsync();

    /// <summary>A new host on this test's namespace; what it returns is disposed at the end of the test.</summary>
    protected abstract Task<IAsyncDisposable> CreateHostAsync(int index);

    /// <summary>The arguments that make a child process (<see cref="Program"/>) a host on this test's namespace.</summary>
    protected abstract IReadOnlyList<string> ChildArguments { get; }

    /// <summary>A secret the store's connection carries (a password), which <see cref="IJwtKeyStore.Description"/> must not show; null when the store has none.</summary>
    protected abstract string? Secret { get; }

    /// <summary>Text <see cref="IJwtKeyStore.Description"/> must hold, so that a log names where the keys are.</summary>
    protected abstract IReadOnlyList<string> DescriptionNames { get; }

    /// <summary>The finest time the store keeps (PostgreSQL keeps microseconds, not .NET's 100 ns ticks).</summary>
    protected virtual TimeSpan CreatedPrecision => TimeSpan.FromTicks(1);

    public async Task InitializeAsync() => await CreateNamespaceAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        await DeleteNamespaceAsync();
    }

    [Fact]
    public async Task AnEmptyStoreLoadsNoKeys()
    {
        var store = await NewStoreAsync();

        Assert.Empty(await store.LoadKeysAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AddedKeysLoadBack()
    {
        var store = await NewStoreAsync();
        var first = NewKey("signing");
        var second = NewKey("other", "RS256");

        Assert.True(await store.TryAddKeyAsync(first, CancellationToken.None));
        Assert.True(await store.TryAddKeyAsync(second, CancellationToken.None));

        var loaded = await store.LoadKeysAsync(CancellationToken.None);
        Assert.Equal([first, second], loaded.OrderBy(k => k.KeyName == "other"));
    }

    [Fact]
    public async Task AddingATakenKidReturnsFalseAndKeepsTheFirstRecord()
    {
        var store = await NewStoreAsync();
        var first = NewKey("signing");
        var impostor = first with { Algorithm = "ES384", Created = first.Created.AddDays(1), ProtectedKey = Protected("impostor"), FormatVersion = 2 };

        Assert.True(await store.TryAddKeyAsync(first, CancellationToken.None));
        Assert.False(await store.TryAddKeyAsync(impostor, CancellationToken.None));

        Assert.Equal(first, Assert.Single(await store.LoadKeysAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task DeleteRemovesThatKeyOnly()
    {
        var store = await NewStoreAsync();
        var kept = NewKey("signing");
        var deleted = NewKey("signing");
        await store.TryAddKeyAsync(kept, CancellationToken.None);
        await store.TryAddKeyAsync(deleted, CancellationToken.None);

        await store.DeleteKeyAsync(deleted.KeyId, CancellationToken.None);

        Assert.Equal(kept, Assert.Single(await store.LoadKeysAsync(CancellationToken.None)));
        // A deleted kid can be added again: nothing of the old record is left behind.
        Assert.True(await store.TryAddKeyAsync(deleted, CancellationToken.None));
    }

    [Fact]
    public async Task DeletingAMissingKeyIsNotAnError()
    {
        var store = await NewStoreAsync();
        var kept = NewKey("signing");
        await store.TryAddKeyAsync(kept, CancellationToken.None);

        await store.DeleteKeyAsync(NewKey("signing").KeyId, CancellationToken.None);

        Assert.Equal(kept, Assert.Single(await store.LoadKeysAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task RecordsRoundTripExactly()
    {
        var store = await NewStoreAsync();
        // A non-UTC offset, sub-millisecond ticks, a name outside ASCII, a long protected payload, a later format.
        var created = new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5358979);
        var key = new JwtStoredKey(NewKid(), "tenant-é/ünicode key", "PS512", created, Protected("long", 6000), FormatVersion: 7);

        Assert.True(await store.TryAddKeyAsync(key, CancellationToken.None));
        var loaded = Assert.Single(await store.LoadKeysAsync(CancellationToken.None));

        Assert.Equal(key with { Created = Truncate(created) }, loaded);
        Assert.Equal(Truncate(created).UtcTicks, loaded.Created.UtcTicks);
        Assert.Equal(key.ProtectedKey, loaded.ProtectedKey);
    }

    [Fact]
    public async Task AKeyTheManagerGeneratesReadsBackEqualToTheRecordItWrote()
    {
        var store = await NewStoreAsync();
        using var keyRing = new Instances.SharedKeyRing();
        var protector = new ManagedKeyProtector(keyRing.Add(new ServiceCollection()).BuildServiceProvider()
            .GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>());
        // A clock reading with 100 ns ticks, as DateTimeOffset.UtcNow has: PostgreSQL alone would keep only microseconds.
        var (key, record) = protector.Generate("signing", JwtAlgorithm.ES256, new DateTimeOffset(2026, 12, 1, 23, 59, 59, TimeSpan.Zero).AddTicks(1234567));
        key.Dispose();

        Assert.True(await store.TryAddKeyAsync(record, CancellationToken.None));

        Assert.Equal(record, Assert.Single(await store.LoadKeysAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task ConcurrentAddsOfOneKidLetExactlyOneWin()
    {
        var store = await NewStoreAsync();
        var kid = NewKid();
        var candidates = Enumerable.Range(0, 32).Select(i => NewKey("signing") with { KeyId = kid, ProtectedKey = Protected($"candidate-{i}") }).ToList();

        var results = await Task.WhenAll(candidates.Select(candidate => Task.Run(() => store.TryAddKeyAsync(candidate, CancellationToken.None))));

        Assert.Equal(1, results.Count(added => added));
        var winner = candidates[Array.IndexOf(results, true)];
        Assert.Equal(winner, Assert.Single(await store.LoadKeysAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task HostsAddingTheSameKidsTogetherConvergeOnOneRecordPerKid()
    {
        const int hostCount = 4;
        var stores = new List<IJwtKeyStore>();
        for (int i = 0; i < hostCount; i++) stores.Add(await NewStoreAsync(i));
        var kids = Enumerable.Range(0, 12).Select(_ => NewKid()).ToList();
        var created = DateTimeOffset.UnixEpoch.AddYears(56);

        // Every host tries every kid at once, each with its own record, as instances starting together would.
        var attempts = stores.SelectMany((store, host) => kids.Select(kid =>
            (Host: host, Key: new JwtStoredKey(kid, "signing", "ES256", created, Protected($"host-{host}")), Store: store))).ToList();
        var added = await Task.WhenAll(attempts.Select(a => Task.Run(() => a.Store.TryAddKeyAsync(a.Key, CancellationToken.None))));

        var winners = attempts.Where((_, i) => added[i]).ToList();
        Assert.Equal(kids.Order(), winners.Select(w => w.Key.KeyId).Order());
        foreach (var store in stores)
        {
            var loaded = await store.LoadKeysAsync(CancellationToken.None);
            Assert.Equal(winners.Select(w => w.Key).OrderBy(k => k.KeyId), loaded.OrderBy(k => k.KeyId));
        }
    }

    [Fact]
    public async Task ProcessesAddingTheSameKidsTogetherConvergeOnOneRecordPerKid()
    {
        var store = await NewStoreAsync();
        var kids = Enumerable.Range(0, 12).Select(_ => NewKid()).ToList();

        var winsByProcess = await ChildProcesses.RaceAsync(ChildArguments, kids, processCount: 2);

        var wins = winsByProcess.SelectMany(p => p.Value.Select(kid => (Process: p.Key, Kid: kid))).ToList();
        Assert.Equal(kids.Order(), wins.Select(w => w.Kid).Order());
        var loaded = (await store.LoadKeysAsync(CancellationToken.None)).ToDictionary(k => k.KeyId);
        Assert.Equal(kids.Order(), loaded.Keys.Order());
        foreach (var (process, kid) in wins)
        {
            Assert.Equal(ChildProcesses.ProtectedKeyOf(process, kid), loaded[kid].ProtectedKey);
        }
    }

    [Fact]
    public async Task DescriptionNamesTheStoreAndNoSecret()
    {
        var store = await NewStoreAsync();

        foreach (var name in DescriptionNames) Assert.Contains(name, store.Description, StringComparison.Ordinal);
        if (Secret is { } secret) Assert.DoesNotContain(secret, store.Description, StringComparison.Ordinal);
        Assert.Equal(store.Description, store.ToString());
    }

    /// <summary>A host's store, resolved the way the key manager resolves it.</summary>
    protected async Task<IJwtKeyStore> NewStoreAsync(int index = 0)
    {
        var host = await CreateHostAsync(index);
        _hosts.Add(host);
        var services = host as IServiceProvider ?? throw new InvalidOperationException("A host must be a service provider.");
        return services.GetRequiredService<IJwtKeyStore>();
    }

    private DateTimeOffset Truncate(DateTimeOffset value)
        => new(value.UtcTicks - value.UtcTicks % CreatedPrecision.Ticks, TimeSpan.Zero);

    internal static JwtStoredKey NewKey(string name, string algorithm = "ES256")
        => new(NewKid(), name, algorithm, new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero), Protected(name));

    /// <summary>A kid shaped like an RFC 7638 SHA-256 thumbprint: 43 base64url characters.</summary>
    internal static string NewKid() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Text shaped like a Data Protection payload; <paramref name="marker"/> tells whose it is.</summary>
    internal static string Protected(string marker, int length = 180)
        => "CfDJ8" + Base64Url(System.Text.Encoding.UTF8.GetBytes(marker)) + "." + Base64Url(RandomNumberGenerator.GetBytes(length * 3 / 4))[..Math.Max(1, length - 5)];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
