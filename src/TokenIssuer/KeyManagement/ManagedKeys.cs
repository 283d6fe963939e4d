using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace TokenIssuer;

/// <summary>
/// The app's managed keys as the issuer sees them: the <see cref="ManagedKeyManager"/> once the host has started
/// it (<see cref="ManagedKeyHostedService"/>), its snapshots, and a change token that fires when it starts and at
/// every state change after. Before the start there are no snapshots, and profiles signing with a managed key
/// wait (<see cref="ManagedPlanKeys.Pending"/>).
/// </summary>
/// <remarks>
/// The set of managed keys and their options are read once, at start: the manager runs on them for the app's
/// lifetime, and a configuration reload that changes them is refused (the app must restart).
/// </remarks>
internal sealed class ManagedKeys : IDisposable
{
    /// <summary>No snapshot: before the start, or without managed keys.</summary>
    public static readonly IReadOnlyDictionary<string, ManagedKeySnapshot> NoSnapshots = new Dictionary<string, ManagedKeySnapshot>(StringComparer.OrdinalIgnoreCase);

    private static readonly IReadOnlyDictionary<string, ManagedKeySettings> NoSettings = new Dictionary<string, ManagedKeySettings>(StringComparer.OrdinalIgnoreCase);

    private readonly IServiceProvider _services;
    private readonly CancellationTokenSource _started = new();
    private readonly object _sinkLock = new();
    private ManagedKeyManager? _manager;
    private int _stopped;
    private Action<SigningKey>? _releaseSink;

    public ManagedKeys(IServiceProvider services) => _services = services;

    /// <summary>The keys the manager runs, with their options; empty before the start.</summary>
    public IReadOnlyDictionary<string, ManagedKeySettings> Settings { get; private set; } = NoSettings;

    public bool IsStarted => Volatile.Read(ref _manager) is not null;

    /// <summary>The current snapshot of every managed key name; a new dictionary after every change.</summary>
    public IReadOnlyDictionary<string, ManagedKeySnapshot> Snapshots => Volatile.Read(ref _manager)?.Snapshots ?? NoSnapshots;

    /// <summary>Fires when the manager starts, then whenever a snapshot changes.</summary>
    public IChangeToken GetChangeToken()
        => Volatile.Read(ref _manager) is { } manager ? manager.GetChangeToken() : new CancellationChangeToken(_started.Token);

    /// <summary>
    /// Creates and starts the manager for <paramref name="keys"/>: reads the store, creates the first keys on an
    /// empty one. Throws when the store cannot be read, with a message naming it.
    /// </summary>
    public async Task StartAsync(IReadOnlyDictionary<string, ManagedKeySettings> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0 || IsStarted) return;
        var timings = _services.GetService<ManagedKeyManagerOptions>();
        var options = new ManagedKeyManagerOptions { ReleaseKey = Release };
        if (timings is not null)
        {
            options.SynchronizationDelay = timings.SynchronizationDelay;
            options.InitializationRefreshInterval = timings.InitializationRefreshInterval;
            options.MaximumRefreshInterval = timings.MaximumRefreshInterval;
            options.StoreRetryInterval = timings.StoreRetryInterval;
        }

        var manager = ManagedKeyServices.CreateManager(_services, keys, options);
        var logger = _services.GetService<ILoggerFactory>()?.CreateLogger("TokenIssuer.KeyManagement") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        ManagedKeyServices.WarnIfLocalDefault(manager.Store, _services.GetService<IHostEnvironment>(), logger);
        try
        {
            await manager.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await manager.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        Settings = new Dictionary<string, ManagedKeySettings>(keys, StringComparer.OrdinalIgnoreCase);
        Volatile.Write(ref _manager, manager);
        // Subscribers (the issuer) rebuild their plans now, with the loaded keys, and follow the manager from here.
        await _started.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>Who takes the keys the manager lets go (the issuer, which disposes them after the tokens being signed with them); null: dispose at once.</summary>
    public void SetReleaseSink(Action<SigningKey>? sink)
    {
        lock (_sinkLock) _releaseSink = sink;
    }

    private void Release(SigningKey key)
    {
        Action<SigningKey>? sink;
        lock (_sinkLock) sink = _releaseSink;
        if (sink is null) key.Dispose();
        else sink(key);
    }

    /// <summary>Stops the manager (once); its keys go to the release sink, which disposes them once nothing signs with them.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        if (Volatile.Read(ref _manager) is { } manager) await manager.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The container's disposal, for a host disposed without being stopped: stop the refresh loop.</summary>
    /// <remarks><c>_started</c> is not disposed: a change token taken from it may still be read, and it holds no timer.</remarks>
    public void Dispose() => StopAsync().GetAwaiter().GetResult();
}
