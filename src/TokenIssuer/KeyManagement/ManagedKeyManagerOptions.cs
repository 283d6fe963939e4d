namespace TokenIssuer;

/// <summary>The key manager's own timings, which are not configuration (tests make them small).</summary>
internal sealed class ManagedKeyManagerOptions
{
    /// <summary>
    /// How long an instance that has just created a key waits, while no key has activated yet (a first start),
    /// before it re-reads the store: long enough for every instance racing on an empty store to have written
    /// its key, so all of them pick the same oldest one. Duende's InitializationSynchronizationDelay is 5 s.
    /// </summary>
    public TimeSpan SynchronizationDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the store is re-read while no key has activated yet (Duende's InitializationKeyCacheDuration: 1 minute).</summary>
    public TimeSpan InitializationRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest time between two reads of the store; also bounded by each key's PropagationTime / 2.</summary>
    public TimeSpan MaximumRefreshInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How soon a failed store is tried again.</summary>
    public TimeSpan StoreRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Receives every key that leaves the snapshots (it expired, or the manager is disposed). The receiver owns it
    /// and disposes it when no signing can still use it (the issuer: when the last plan set holding it is gone).
    /// When null, the manager disposes such a key itself, at the first refresh <see cref="RemovedKeyDisposalDelay"/>
    /// after it left, so a caller that read the previous snapshot just before the change finishes signing first.
    /// </summary>
    public Action<SigningKey>? ReleaseKey { get; set; }

    /// <summary>How long a key that left the snapshots stays usable before the manager disposes it (without <see cref="ReleaseKey"/>).</summary>
    public TimeSpan RemovedKeyDisposalDelay { get; set; } = TimeSpan.FromMinutes(1);
}
