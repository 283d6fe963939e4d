namespace TokenIssuer;

/// <summary>A profile that signs with a managed key the host has not loaded yet (the issuer was created before the host started).</summary>
internal sealed record PendingProfile(string Profile, string KeyName, JwtAlgorithm Algorithm, JwtSignOptions ClaimOptions, string? TokenType,
    IReadOnlyList<string>? RequiredClaims = null);

/// <summary>
/// The managed keys of one <see cref="PlanSet"/>: the snapshots its plans were built from, the validation keys they
/// publish (every announced, active and retired key, with its state; expired keys never), the profiles still
/// waiting for the host to load their key, and the keys the manager let go while this set was current.
/// </summary>
/// <remarks>
/// The manager owns the <see cref="SigningKey"/> objects of its snapshots, so a plan set never disposes them on its
/// own; a key the manager releases (it expired, or the app stops) is handed to the current set and disposed with
/// it, after the last token being signed with it.
/// </remarks>
internal sealed class ManagedPlanKeys
{
    private readonly object _lock = new();
    private readonly List<SigningKey> _released = [];
    private bool _disposed;

    public static ManagedPlanKeys None => new(ManagedKeys.NoSnapshots, new Dictionary<string, PendingProfile>(StringComparer.OrdinalIgnoreCase), [], []);

    public ManagedPlanKeys(IReadOnlyDictionary<string, ManagedKeySnapshot> snapshots, IReadOnlyDictionary<string, PendingProfile> pending,
        IReadOnlyCollection<string> managedProfiles, IReadOnlyList<JwtValidationKey> validationKeys)
    {
        Snapshots = snapshots;
        Pending = pending;
        ManagedProfiles = new HashSet<string>(managedProfiles, StringComparer.OrdinalIgnoreCase);
        ValidationKeys = validationKeys;
    }

    /// <summary>The manager's snapshots when the set was built (the identity tells whether it is stale).</summary>
    public IReadOnlyDictionary<string, ManagedKeySnapshot> Snapshots { get; }

    /// <summary>Profiles signing with a managed key that is not loaded yet, by profile name.</summary>
    public IReadOnlyDictionary<string, PendingProfile> Pending { get; }

    /// <summary>The profiles whose plans sign with a managed key.</summary>
    public IReadOnlySet<string> ManagedProfiles { get; }

    /// <summary>Every published managed key, each listing the profiles that sign with its key name.</summary>
    public IReadOnlyList<JwtValidationKey> ValidationKeys { get; }

    /// <summary>The plan signs with a managed key (whose validation key is in <see cref="ValidationKeys"/>, not the configured keys').</summary>
    public bool Signs(SigningPlan plan) => ManagedProfiles.Contains(plan.Profile);

    /// <summary>The error for issuing from a profile whose key is not loaded yet; null when <paramref name="profile"/> is not pending.</summary>
    public Exception? NotLoaded(string profile)
        => Pending.TryGetValue(profile, out var pending)
            ? new InvalidOperationException(
                $"The profile \"{pending.Profile}\" signs with the managed key \"{pending.KeyName}\", which is loaded from its key store when the host starts. " +
                "Issue tokens once the host has started (not from a constructor or before app.Run / host.StartAsync).")
            : null;

    /// <summary>Disposes <paramref name="key"/> with this set (at once when the set is already disposed).</summary>
    public void DisposeWith(SigningKey key)
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _released.Add(key);
                return;
            }
        }

        key.Dispose();
    }

    /// <summary>Called by <see cref="PlanSet.Dispose"/>.</summary>
    public void Dispose()
    {
        SigningKey[] released;
        lock (_lock)
        {
            _disposed = true;
            released = _released.ToArray();
            _released.Clear();
        }

        foreach (var key in released) key.Dispose();
    }

    /// <summary>
    /// The validation keys of <paramref name="snapshots"/>: each key of each name, with its state, for the profiles
    /// that sign with that name (an announced key too: another instance may activate it a moment before this one).
    /// </summary>
    public static List<JwtValidationKey> BuildValidationKeys(IReadOnlyDictionary<string, ManagedKeySnapshot> snapshots, IEnumerable<(string Profile, string KeyName)> users)
    {
        var byName = users.GroupBy(u => u.KeyName, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Select(u => u.Profile).ToArray(), StringComparer.OrdinalIgnoreCase);
        var keys = new List<JwtValidationKey>();
        foreach (var snapshot in snapshots.Values.OrderBy(s => s.KeyName, StringComparer.OrdinalIgnoreCase))
        {
            foreach (var key in snapshot.Keys)
            {
                if (key.State == ManagedKeyState.Expired) continue;
                var validation = JwtValidationKey.From(key.KeyId, key.Algorithm, key.Key);
                validation.State = key.State switch
                {
                    ManagedKeyState.Announced => JwtKeyState.Announced,
                    ManagedKeyState.Active => JwtKeyState.Active,
                    _ => JwtKeyState.Retired,
                };
                foreach (string profile in byName.GetValueOrDefault(snapshot.KeyName) ?? []) validation.AddProfile(profile);
                keys.Add(validation);
            }
        }

        return keys;
    }
}
