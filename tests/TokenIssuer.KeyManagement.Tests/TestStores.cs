namespace TokenIssuer.KeyManagement.Tests;

/// <summary>A store wrapper for the tests: can be taken down, counts calls, and can make two adders meet before either writes.</summary>
internal sealed class TestStore(IJwtKeyStore inner) : IJwtKeyStore
{
    private readonly object _gate = new();
    private TaskCompletionSource? _meeting;
    private int _waiting;

    /// <summary>Every call throws, as an unreachable server does.</summary>
    public volatile bool Down;

    public int Loads;
    public int Adds;

    public string Description => inner.Description;

    /// <summary>The next two <see cref="TryAddKeyAsync"/> calls wait for each other, so both have read the store before either writes.</summary>
    public void MeetBeforeAdding()
    {
        lock (_gate)
        {
            _meeting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting = 0;
        }
    }

    public Task<IReadOnlyCollection<JwtStoredKey>> LoadKeysAsync(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        Interlocked.Increment(ref Loads);
        return inner.LoadKeysAsync(cancellationToken);
    }

    public async Task<bool> TryAddKeyAsync(JwtStoredKey key, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        Task? meet = null;
        lock (_gate)
        {
            if (_meeting is { } meeting)
            {
                if (++_waiting == 2)
                {
                    meeting.SetResult();
                    _meeting = null;
                }

                meet = meeting.Task;
            }
        }

        if (meet is not null) await meet;
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
