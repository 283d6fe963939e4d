namespace TokenIssuer;

/// <summary>
/// One consistent generation of plans and keys. Swapped atomically on reload; its keys are disposed
/// when it has been replaced and the last token being signed with it is done.
/// </summary>
internal sealed class PlanSet : IDisposable
{
    // Per-processor stripes rather than one interlocked count: signing on many cores writes no shared cache line.
    private readonly StripedInUseCount _inUse = new();
    private int _retired;
    private int _disposed;

    // The plans by JwtProfileKey.Index: the generated methods' profile keys find their plan without a name look-up.
    private readonly SigningPlan?[] _byKey;

    public PlanSet(IReadOnlyDictionary<string, SigningPlan> plans, IReadOnlyList<LoadedKey> keys)
    {
        Plans = plans;
        Keys = keys;
        var byKey = new List<SigningPlan?>();
        foreach (var (name, plan) in plans)
        {
            int index = JwtProfileKey.For(name).Index;
            while (byKey.Count <= index) byKey.Add(null);
            byKey[index] = plan;
        }
        _byKey = byKey.ToArray();
    }

    public IReadOnlyDictionary<string, SigningPlan> Plans { get; }

    /// <summary>The plan of <paramref name="profile"/>, found by its index; null when this set has no such profile.</summary>
    public SigningPlan? Find(JwtProfileKey profile)
    {
        var byKey = _byKey;
        uint index = (uint)profile.Index;
        return index < (uint)byKey.Length ? byKey[index] : null;
    }

    public IReadOnlyList<LoadedKey> Keys { get; }

    /// <summary>The managed keys of this generation (owned by the key manager, not by the set).</summary>
    public ManagedPlanKeys Managed { get; init; } = ManagedPlanKeys.None;

    /// <summary>
    /// Marks the set in use by one token; false when it was retired meanwhile (the caller takes the current one
    /// instead). <paramref name="stripe"/> goes back to <see cref="Release"/>.
    /// </summary>
    public bool TryAcquire(out int stripe)
    {
        stripe = _inUse.Enter();
        if (Volatile.Read(ref _retired) == 0) return true;
        Release(stripe);
        return false;
    }

    public void Release(int stripe)
    {
        _inUse.Exit(stripe);
        if (Volatile.Read(ref _retired) == 1 && _inUse.IsZero()) Dispose();
    }

    /// <summary>Called once the set is no longer current: its keys are disposed after the last token signing with them.</summary>
    public void Retire()
    {
        Interlocked.Exchange(ref _retired, 1);
        if (_inUse.IsZero()) Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        foreach (var key in Keys) key.Key.Dispose();
        Managed.Dispose();
    }
}
