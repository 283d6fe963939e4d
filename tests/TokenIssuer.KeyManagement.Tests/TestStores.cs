namespace TokenIssuer.KeyManagement.Tests;

/// <summary>A store wrapper for the tests: can be taken down, counts calls, and can make two adders meet before either writes.</summary>
internal sealed class TestStore(IJwtKeyStore inner) : IJwtKeyStore
{
    private volatile Meeting? _meeting;

    /// <summary>Every call throws, as an unreachable server does.</summary>
    public volatile bool Down;

    public int Loads;
    public int Adds;

    public string Description => inner.Description;

    /// <summary>The next <see cref="TryAddKeyAsync"/> waits at <paramref name="meeting"/> for the other adder, so both have read the store before either writes.</summary>
    public void MeetBeforeAdding(Meeting meeting) => _meeting = meeting;

    public Task<IReadOnlyCollection<JwtStoredKey>> LoadKeysAsync(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        Interlocked.Increment(ref Loads);
        return inner.LoadKeysAsync(cancellationToken);
    }

    public async Task<bool> TryAddKeyAsync(JwtStoredKey key, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        if (Interlocked.Exchange(ref _meeting, null) is { } meeting) await meeting.ArriveAsync();
        Interlocked.Increment(ref Adds);
        return await inner.TryAddKeyAsync(key, cancellationToken);
    }

    public Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return inner.DeleteKeyAsync(keyId, cancellationToken);
    }

    private void ThrowIfDown()
    {
        if (Down) throw new IOException("The test store is down.");
    }
}

/// <summary>Two parties wait here for each other.</summary>
internal sealed class Meeting
{
    private readonly TaskCompletionSource _both = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public Task ArriveAsync()
    {
        if (Interlocked.Increment(ref _arrived) == 2) _both.SetResult();
        return _both.Task;
    }
}
