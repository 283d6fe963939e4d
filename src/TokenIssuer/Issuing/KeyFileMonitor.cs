using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace TokenIssuer;

/// <summary>
/// Notices when the contents of a key file (<c>PemFile</c>) change, in every layout users deploy: a write
/// in place, an atomic rename, a Kubernetes or Docker secret volume (the kubelet swaps a <c>..data</c>
/// symlink and never touches <c>es256.pem</c> itself), a folder removed and re-created. File events
/// are only a hint (the watcher misses symlink swaps, dotnet/runtime#36091 and #64222, and dies with its
/// folder): each event and each poll of the <see cref="TimeProvider"/> timer compares the files'
/// contents (SHA-256) with those last loaded, and only a difference triggers a reload.
/// </summary>
internal sealed class KeyFileMonitor : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<IReadOnlyList<string>, bool> _changed;
    private readonly object _lock = new();
    private Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IDisposable[]> _watches = new(StringComparer.Ordinal);
    private ITimer? _timer;
    private TimeSpan _interval;
    private int _requests;
    private bool _disposed;

    /// <param name="time">The clock whose timer polls.</param>
    /// <param name="logger">Where a failed check is logged.</param>
    /// <param name="changed">
    /// Called with the files whose contents changed; false when the change could not be applied (the reload failed):
    /// the files then count as unchanged, so that the next event or poll tries again.
    /// </param>
    public KeyFileMonitor(TimeProvider time, ILogger logger, Func<IReadOnlyList<string>, bool> changed)
    {
        _time = time;
        _logger = logger;
        _changed = changed;
    }

    /// <summary>
    /// Watches <paramref name="files"/> (instead of the files watched so far), taking as their last loaded
    /// contents <paramref name="loaded"/> (the fingerprints of the bytes the keys were read from).
    /// </summary>
    public void Watch(IReadOnlyList<string> files, IReadOnlyDictionary<string, string> loaded, TimeSpan pollInterval)
    {
        List<IDisposable> old;
        lock (_lock)
        {
            if (_disposed) return;
            var next = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string file in files.Distinct(StringComparer.Ordinal))
            {
                next[file] = loaded.TryGetValue(file, out var fingerprint) ? fingerprint
                    : _fingerprints.TryGetValue(file, out var known) ? known
                    : KeyFileReader.Fingerprint(file);
            }
            _fingerprints = next;
            old = _watches.Values.SelectMany(w => w).ToList();
            _watches.Clear();
            AddMissingWatches();

            if (next.Count == 0)
            {
                old.AddRange(_timer is null ? [] : [_timer]);
                _timer = null;
            }
            else if (_timer is null || _interval != pollInterval)
            {
                _interval = pollInterval;
                if (_timer is null) _timer = _time.CreateTimer(static m => ((KeyFileMonitor)m!).RequestCheck(inline: true), this, pollInterval, pollInterval);
                else _timer.Change(pollInterval, pollInterval);
            }
        }
        foreach (var watch in old) watch.Dispose();
    }

    /// <summary>A watch on each folder that holds a watched file and has none (a folder that did not exist, or was re-created).</summary>
    private void AddMissingWatches()
    {
        foreach (var directory in _fingerprints.Keys.Select(Path.GetDirectoryName).Distinct(StringComparer.Ordinal))
        {
            if (directory is null || _watches.ContainsKey(directory) || !Directory.Exists(directory)) continue;
            try
            {
                // ExclusionFilters.None: the default filter drops dot-names, and "..data" is the one that changes.
                var provider = new PhysicalFileProvider(directory, ExclusionFilters.None);
                var registration = ChangeToken.OnChange(() => provider.Watch("**/*"), () => RequestCheck(inline: false));
                _watches[directory] = [registration, provider];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // No events from this folder: the poll still compares its files.
            }
        }
    }

    /// <summary>
    /// One check at a time: a request while one runs makes it run again once, so a burst of events (a
    /// kubelet swap raises several) costs one or two checks. Events check on the thread pool; the poll,
    /// already on a timer thread, checks inline.
    /// </summary>
    private void RequestCheck(bool inline)
    {
        if (Interlocked.Increment(ref _requests) != 1) return;
        if (inline) RunChecks();
        else ThreadPool.UnsafeQueueUserWorkItem(static m => m.RunChecks(), this, preferLocal: false);
    }

    private void RunChecks()
    {
        int seen;
        do
        {
            seen = Volatile.Read(ref _requests);
            try
            {
                Check();
            }
            catch (Exception e)
            {
                // Never on a thread-pool item unhandled: that would end the process.
                IssuerLog.KeyFileCheckFailed(_logger, e);
            }
        }
        while (Interlocked.Add(ref _requests, -seen) != 0);
    }

    private void Check()
    {
        string[] files;
        lock (_lock)
        {
            if (_disposed) return;
            files = _fingerprints.Keys.ToArray();
        }
        var now = files.Select(f => (File: f, Fingerprint: KeyFileReader.Fingerprint(f))).ToList();
        var changed = new List<(string File, string Was, string Now)>();
        List<IDisposable> dead = new();
        lock (_lock)
        {
            if (_disposed) return;
            foreach (var (file, fingerprint) in now)
            {
                if (!_fingerprints.TryGetValue(file, out var old) || old == fingerprint) continue;
                _fingerprints[file] = fingerprint;
                changed.Add((file, old, fingerprint));
            }
            // A folder that went away took its watch with it: drop it, and watch the folder that is there now.
            foreach (var (directory, watch) in _watches.ToArray())
            {
                if (Directory.Exists(directory)) continue;
                _watches.Remove(directory);
                dead.AddRange(watch);
            }
            AddMissingWatches();
        }
        foreach (var watch in dead) watch.Dispose();
        if (changed.Count == 0) return;

        bool applied = false;
        try
        {
            applied = _changed(changed.Select(c => c.File).ToArray());
        }
        finally
        {
            if (!applied) Unsee(changed);
        }
    }

    /// <summary>A change that was not applied is not lost: the files count as they were, unless a reload has set them since.</summary>
    private void Unsee(List<(string File, string Was, string Now)> changed)
    {
        lock (_lock)
        {
            foreach (var (file, was, now) in changed)
            {
                if (_fingerprints.TryGetValue(file, out var current) && current == now) _fingerprints[file] = was;
            }
        }
    }

    public void Dispose()
    {
        List<IDisposable> watches;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            watches = _watches.Values.SelectMany(w => w).ToList();
            _watches.Clear();
            if (_timer is not null) watches.Add(_timer);
            _timer = null;
        }
        foreach (var watch in watches) watch.Dispose();
    }
}
