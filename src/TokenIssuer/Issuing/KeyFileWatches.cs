using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace TokenIssuer;

/// <summary>
/// Watches the key files (<c>PemFile</c>) of the current configuration and queues a reload when one
/// changes. Not thread-safe: the issuer replaces and clears the watches under its reload lock, and
/// disposes the old ones outside it (disposing a watch waits for its callback, which may be waiting
/// for that lock).
/// </summary>
internal sealed class KeyFileWatches(Action reload)
{
    private readonly List<IDisposable> _watches = new();

    /// <summary>Watches <paramref name="files"/> instead of the files watched so far; returns the old watches to dispose.</summary>
    public List<IDisposable> Replace(IReadOnlyList<string> files)
    {
        var replaced = Clear();
        foreach (var group in files.GroupBy(Path.GetDirectoryName))
        {
            if (group.Key is null || !Directory.Exists(group.Key)) continue;
            var provider = new PhysicalFileProvider(group.Key);
            _watches.Add(provider);
            foreach (var file in group)
            {
                string name = Path.GetFileName(file);
                // The reload runs on the thread pool, never inside the watcher's callback.
                _watches.Add(ChangeToken.OnChange(() => provider.Watch(name), () => ThreadPool.QueueUserWorkItem(static reload => reload(), reload, preferLocal: false)));
            }
        }
        return replaced;
    }

    /// <summary>Stops watching; returns the watches to dispose.</summary>
    public List<IDisposable> Clear()
    {
        var watches = new List<IDisposable>(_watches);
        _watches.Clear();
        return watches;
    }

    public static void DisposeAll(List<IDisposable>? watches)
    {
        if (watches is null) return;
        foreach (var watch in watches) watch.Dispose();
    }
}
