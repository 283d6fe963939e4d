using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace TokenIssuer;

/// <summary>
/// Runs the managed keys of an app: loads them from the <see cref="IJwtKeyStore"/>, creates a key when one is
/// due, deletes expired ones, and publishes an immutable <see cref="ManagedKeySnapshot"/> per key name with a
/// change token, from which the issuer builds its signing plans and the JWKS.
/// </summary>
/// <remarks>
/// <para><b>Agreement without a lock</b> (Duende's scheme): before creating a key the store is re-read; after
/// creating one while no key has activated yet (every instance may be starting on an empty store) the manager
/// waits <see cref="ManagedKeyManagerOptions.SynchronizationDelay"/> and re-reads again; the signing key is the
/// oldest eligible one (<see cref="ManagedKeyTimeline"/>), so instances that created keys at the same moment all
/// sign with the same one.</para>
/// <para><b>Refresh.</b> The store is re-read at every state change the timeline predicts, at least every
/// PropagationTime / 2 (a key another instance creates is published here before it activates), every
/// <see cref="ManagedKeyManagerOptions.InitializationRefreshInterval"/> while no key has activated, and at most
/// <see cref="ManagedKeyManagerOptions.MaximumRefreshInterval"/> apart.</para>
/// <para><b>Store down.</b> The manager keeps the records it last read and goes on moving them along the timeline
/// (an announced key still activates on time); it creates and deletes nothing, logs the outage once, and retries
/// every <see cref="ManagedKeyManagerOptions.StoreRetryInterval"/>. A key that fell due meanwhile is created on the
/// first successful read, after the usual re-read, so never twice. A store that fails on the very first load,
/// with nothing to go on, fails <see cref="StartAsync"/>.</para>
/// <para><b>Ownership.</b> The manager owns the <see cref="SigningKey"/> objects in its snapshots; one object per
/// kid for the manager's lifetime. A key leaves when it expires; it is then handed to
/// <see cref="ManagedKeyManagerOptions.ReleaseKey"/>, or, without one, disposed by the first refresh at least
/// <see cref="ManagedKeyManagerOptions.RemovedKeyDisposalDelay"/> later.</para>
/// </remarks>
internal sealed class ManagedKeyManager : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, ManagedKeySettings> _keys;
    private readonly IJwtKeyStore _store;
    private readonly ManagedKeyProtector _protector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ManagedKeyManagerOptions _options;

    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private readonly Dictionary<string, SigningKey> _loaded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ManagedKeyUnprotectException> _unprotectErrors = new(StringComparer.Ordinal);
    private readonly List<(SigningKey Key, DateTimeOffset NotBefore)> _disposeLater = [];
    private readonly CancellationTokenSource _stopping = new();

    private IReadOnlyCollection<JwtStoredKey>? _records;
    private volatile IReadOnlyDictionary<string, ManagedKeySnapshot> _snapshots = new Dictionary<string, ManagedKeySnapshot>(StringComparer.OrdinalIgnoreCase);
    private CancellationTokenSource _changed = new();
    private bool _storeFailing;
    private Task? _loop;

    public ManagedKeyManager(
        IReadOnlyDictionary<string, ManagedKeySettings> keys, IJwtKeyStore store, ManagedKeyProtector protector,
        TimeProvider time, ILogger logger, ManagedKeyManagerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = new Dictionary<string, ManagedKeySettings>(keys, StringComparer.OrdinalIgnoreCase);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _options = options ?? new ManagedKeyManagerOptions();
    }

    /// <summary>The store, for health checks and messages.</summary>
    public IJwtKeyStore Store => _store;

    /// <summary>Every managed key name's current snapshot (empty before <see cref="StartAsync"/>).</summary>
    public IReadOnlyDictionary<string, ManagedKeySnapshot> Snapshots => _snapshots;

    /// <summary>The current snapshot of <paramref name="keyName"/>.</summary>
    /// <exception cref="InvalidOperationException">The manager has not started, or does not manage that name.</exception>
    public ManagedKeySnapshot GetSnapshot(string keyName)
        => _snapshots.TryGetValue(keyName, out var snapshot)
            ? snapshot
            : throw new InvalidOperationException(_keys.ContainsKey(keyName)
                ? $"The managed key \"{keyName}\" has not been loaded yet: start the key manager first."
                : $"\"{keyName}\" is not a managed key.");

    /// <summary>Fires once when any snapshot changes (a key created, announced, activated, retired or removed); take a new token after it fires.</summary>
    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    /// <summary>
    /// Loads the keys (creating the first ones on an empty store) and starts refreshing them in the background.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store cannot be read and nothing was loaded before, or the signing key of a name cannot be unprotected; the message says which and why.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var delay = await RefreshAsync(cancellationToken).ConfigureAwait(false);
        _loop ??= RunAsync(delay, _stopping.Token);
    }

    /// <summary>One pass: read, create when due, delete what expired, publish snapshots. Returns when the next pass is due.</summary>
    internal async Task<TimeSpan> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DisposeDeferred();
            return await RefreshCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private async Task<TimeSpan> RefreshCoreAsync(CancellationToken cancellationToken)
    {
        bool storeUp = await ReloadAsync(cancellationToken).ConfigureAwait(false);
        if (_records is null)
        {
            throw new InvalidOperationException(
                $"TokenIssuer cannot load its managed signing keys from {_store.Description}, and has none from before to sign with. " +
                "Check that the store is reachable and readable by this app, then start again.", _lastStoreError);
        }

        var previous = _snapshots;
        var snapshots = new Dictionary<string, ManagedKeySnapshot>(StringComparer.OrdinalIgnoreCase);
        var delay = _options.MaximumRefreshInterval;
        foreach (var (name, settings) in _keys)
        {
            var timeline = Timeline(name, settings);
            if (storeUp && timeline.NewKeyDue)
            {
                // Another instance may have created the key since our read: look again just before creating.
                storeUp = await ReloadAsync(cancellationToken).ConfigureAwait(false);
                timeline = Timeline(name, settings);
                if (storeUp && timeline.NewKeyDue)
                {
                    storeUp = await CreateKeyAsync(name, settings, cancellationToken).ConfigureAwait(false);
                    if (storeUp) storeUp = await ReloadAsync(cancellationToken).ConfigureAwait(false);
                    timeline = Timeline(name, settings);
                    if (storeUp && timeline.FirstStart && _options.SynchronizationDelay > TimeSpan.Zero)
                    {
                        // Every instance may be starting on this empty store: give the others time to write
                        // their keys, then read them all and sign with the oldest, as they will.
                        await Task.Delay(_options.SynchronizationDelay, _time, cancellationToken).ConfigureAwait(false);
                        storeUp = await ReloadAsync(cancellationToken).ConfigureAwait(false);
                        timeline = Timeline(name, settings);
                    }
                }
            }

            if (storeUp)
            {
                // Instances whose timers fired together each created a key for the same rotation: the creator of
                // every key but the oldest deletes its own, before it can sign, so one key stays per rotation.
                foreach (var (spare, kept) in SparesCreatedHere(timeline, settings))
                {
                    if (!await DeleteKeyAsync(spare.Record, cancellationToken, duplicateOf: kept).ConfigureAwait(false))
                    {
                        storeUp = false;
                        break;
                    }

                    _records = _records!.Where(r => r.KeyId != spare.KeyId).ToArray();
                }

                timeline = Timeline(name, settings);
            }

            if (storeUp)
            {
                foreach (var expired in timeline.Keys.Where(k => k.State == ManagedKeyState.Expired))
                {
                    if (!await DeleteKeyAsync(expired.Record, cancellationToken).ConfigureAwait(false))
                    {
                        storeUp = false;
                        break;
                    }
                }
            }

            previous.TryGetValue(name, out var before);
            var snapshot = BuildSnapshot(name, timeline, before);
            if (snapshot is not null) snapshots[name] = snapshot;
            delay = Min(delay, NextRefresh(settings, timeline));
        }

        if (!storeUp) delay = Min(delay, _options.StoreRetryInterval);
        Publish(previous, snapshots);
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    private ManagedKeyTimelineResult Timeline(string name, ManagedKeySettings settings)
        => ManagedKeyTimeline.Compute(_time.GetUtcNow(),
            _records!.Where(r => string.Equals(r.KeyName, name, StringComparison.OrdinalIgnoreCase)).ToArray(), settings);

    /// <summary>
    /// The keys this instance created that duplicate an older key of the same rotation, with the key each duplicates.
    /// A new key falls due RotationInterval - PropagationTime after the youngest one, so two keys created closer
    /// together than half of that come from instances that created at once (on an empty store, at a rotation's due
    /// time, when the store came back). The oldest stays; a younger one is deleted only before its activation (no
    /// instance can have signed with it: the older one activates first and this check runs at least every
    /// PropagationTime / 2), so deleting it changes no signer; a validator that fetched it merely knew one key more.
    /// Only its creator deletes a key, and never on a first start, where each instance signs at once with the oldest
    /// key it has seen (a younger spare may have signed; it stays, as before).
    /// </summary>
    private IEnumerable<(ManagedKeyTimelineEntry Spare, ManagedKeyTimelineEntry Kept)> SparesCreatedHere(ManagedKeyTimelineResult timeline, ManagedKeySettings settings)
    {
        // Not on a first start: there the oldest key each instance saw signed at once, so a younger one may have signed.
        if (timeline.FirstStart) yield break;
        var window = (settings.RotationInterval - settings.PropagationTime) / 2;
        var now = _time.GetUtcNow();
        var keys = timeline.Keys;
        for (int i = 1; i < keys.Count; i++)
        {
            var key = keys[i];
            if (!_createdHere.Contains(key.KeyId) || key.State != ManagedKeyState.Announced || now >= key.Activates) continue;
            var older = keys[i - 1];
            if (key.Created - older.Created < window) yield return (key, older);
        }
    }

    private TimeSpan NextRefresh(ManagedKeySettings settings, ManagedKeyTimelineResult timeline)
    {
        var delay = settings.PropagationTime / 2;
        if (timeline.FirstStart) delay = Min(delay, _options.InitializationRefreshInterval);
        if (timeline.NextChange is { } next) delay = Min(delay, next - _time.GetUtcNow());
        return delay;
    }

    private ManagedKeySnapshot? BuildSnapshot(string name, ManagedKeyTimelineResult timeline, ManagedKeySnapshot? before)
    {
        if (timeline.Signer is null)
        {
            // No key at all: the store was empty and could not be written. Keep what we had, if anything.
            return before ?? throw new InvalidOperationException(
                $"TokenIssuer has no managed signing key \"{name}\": the store {_store.Description} holds none and the key could not be added to it. Check that the store is writable by this app.", _lastStoreError);
        }

        var keys = new List<ManagedKey>();
        foreach (var entry in timeline.Keys)
        {
            if (entry.State == ManagedKeyState.Expired) continue;
            var key = Load(entry.Record);
            if (key is null)
            {
                if (entry != timeline.Signer) continue; // reported; the key is left out of this instance's JWKS
                // This instance cannot sign with the key every other instance signs with: say so rather than diverge.
                return before ?? throw new InvalidOperationException(_unprotectErrors[entry.KeyId].Message, _unprotectErrors[entry.KeyId]);
            }

            keys.Add(new ManagedKey(name, entry.KeyId, ParseAlgorithm(entry.Record), entry.State, key, entry.Created, entry.Activates, entry.Retires, entry.Expires));
        }

        var snapshot = new ManagedKeySnapshot(name, keys, keys.Single(k => k.State == ManagedKeyState.Active), _time.GetUtcNow());
        if (!snapshot.HasSameStates(before)) LogTransitions(before, snapshot, timeline.FirstStart);
        return snapshot.HasSameStates(before) ? before : snapshot;
    }

    private SigningKey? Load(JwtStoredKey record)
    {
        if (_loaded.TryGetValue(record.KeyId, out var key)) return key;
        try
        {
            key = _protector.Unprotect(record, _store.Description);
            _loaded[record.KeyId] = key;
            return key;
        }
        catch (ManagedKeyUnprotectException e)
        {
            if (_unprotectErrors.TryAdd(record.KeyId, e)) KeyManagementLog.UnprotectFailed(_logger, e.Message, e.InnerException);
            return null;
        }
    }

    private static JwtAlgorithm ParseAlgorithm(JwtStoredKey record)
        => JwtAlgorithmNames.TryParse(record.Algorithm, out var algorithm) ? algorithm : throw new InvalidOperationException($"Unreachable: {record} was unprotected with an unknown algorithm.");

    private void LogTransitions(ManagedKeySnapshot? before, ManagedKeySnapshot after, bool firstStart)
    {
        // The new signer first: "activated" then "retired" reads as the handover it is.
        foreach (var key in after.Keys.OrderBy(k => k.State != ManagedKeyState.Active))
        {
            var was = before?.Keys.FirstOrDefault(k => k.KeyId == key.KeyId)?.State;
            if (was == key.State) continue;
            switch (key.State)
            {
                case ManagedKeyState.Announced when was is null && !_createdHere.Contains(key.KeyId):
                    KeyManagementLog.KeyAnnounced(_logger, key.KeyName, key.KeyId, key.Activates);
                    break;
                case ManagedKeyState.Active when firstStart:
                    KeyManagementLog.FirstKeyActivated(_logger, key.KeyName, key.KeyId);
                    break;
                case ManagedKeyState.Active:
                    KeyManagementLog.KeyActivated(_logger, key.KeyName, key.KeyId);
                    break;
                case ManagedKeyState.Retired:
                    KeyManagementLog.KeyRetired(_logger, key.KeyName, key.KeyId, key.Expires);
                    break;
            }
        }
    }

    private readonly HashSet<string> _createdHere = new(StringComparer.Ordinal);
    private Exception? _lastStoreError;

    private async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        try
        {
            _records = await _store.LoadKeysAsync(cancellationToken).ConfigureAwait(false);
            StoreSucceeded();
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            StoreFailed(e);
            return false;
        }
    }

    private async Task<bool> CreateKeyAsync(string name, ManagedKeySettings settings, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var (key, record) = _protector.Generate(name, settings.Algorithm, now);
        bool added;
        try
        {
            added = await _store.TryAddKeyAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Perhaps it was written after all: the next read shows it, and nothing is due then.
            key.Dispose();
            StoreFailed(e);
            return false;
        }

        if (!added)
        {
            key.Dispose(); // the same kid is stored already: the read that follows brings it
            return true;
        }

        _loaded[record.KeyId] = key;
        _createdHere.Add(record.KeyId);
        KeyManagementLog.KeyCreated(_logger, name, record.KeyId, record.Algorithm, _store.Description, now + settings.PropagationTime);
        return true;
    }

    private async Task<bool> DeleteKeyAsync(JwtStoredKey record, CancellationToken cancellationToken, ManagedKeyTimelineEntry? duplicateOf = null)
    {
        try
        {
            await _store.DeleteKeyAsync(record.KeyId, cancellationToken).ConfigureAwait(false);
            if (duplicateOf is null) KeyManagementLog.KeyDeleted(_logger, record.KeyName, record.KeyId, _store.Description);
            else KeyManagementLog.DuplicateKeyDeleted(_logger, record.KeyName, record.KeyId, _store.Description, duplicateOf.KeyId);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            StoreFailed(e);
            return false;
        }
    }

    private void StoreFailed(Exception e)
    {
        _lastStoreError = e;
        if (_storeFailing) return;
        _storeFailing = true;
        KeyManagementLog.StoreFailed(_logger, _store.Description, e);
    }

    private void StoreSucceeded()
    {
        _lastStoreError = null;
        if (!_storeFailing) return;
        _storeFailing = false;
        KeyManagementLog.StoreRecovered(_logger, _store.Description);
    }

    private void Publish(IReadOnlyDictionary<string, ManagedKeySnapshot> previous, Dictionary<string, ManagedKeySnapshot> snapshots)
    {
        bool changed = previous.Count != snapshots.Count
            || snapshots.Any(s => !previous.TryGetValue(s.Key, out var before) || !ReferenceEquals(before, s.Value));
        if (!changed) return;

        _snapshots = snapshots;
        var stillPublished = snapshots.Values.SelectMany(s => s.Keys).Select(k => k.KeyId).ToHashSet(StringComparer.Ordinal);
        foreach (var kid in _loaded.Keys.Where(kid => !stillPublished.Contains(kid)).ToArray())
        {
            Release(_loaded[kid]);
            _loaded.Remove(kid);
        }

        Interlocked.Exchange(ref _changed, new CancellationTokenSource()).Cancel();
    }

    private void Release(SigningKey key)
    {
        if (_options.ReleaseKey is { } release) release(key);
        else _disposeLater.Add((key, _time.GetUtcNow() + _options.RemovedKeyDisposalDelay));
    }

    private void DisposeDeferred(bool all = false)
    {
        var now = _time.GetUtcNow();
        foreach (var (key, _) in _disposeLater.Where(k => all || k.NotBefore <= now)) key.Dispose();
        _disposeLater.RemoveAll(k => all || k.NotBefore <= now);
    }

    private async Task RunAsync(TimeSpan delay, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
                delay = await RefreshAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Failures of the store are handled inside a pass; this is anything else. Keep the snapshots, retry.
                StoreFailed(e);
                delay = _options.StoreRetryInterval;
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Stops refreshing and releases every key (to <see cref="ManagedKeyManagerOptions.ReleaseKey"/>, or disposes it).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null) await _loop.ConfigureAwait(false);
        await _refreshLock.WaitAsync().ConfigureAwait(false);
        try
        {
            DisposeDeferred(all: true);
            foreach (var key in _loaded.Values)
            {
                if (_options.ReleaseKey is { } release) release(key);
                else key.Dispose();
            }

            _loaded.Clear();
            _snapshots = new Dictionary<string, ManagedKeySnapshot>(StringComparer.OrdinalIgnoreCase);
        }
        finally
        {
            _refreshLock.Release();
        }

        _stopping.Dispose();
    }
}
