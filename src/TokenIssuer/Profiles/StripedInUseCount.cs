namespace TokenIssuer;

/// <summary>
/// How many tokens are being signed with a plan set, counted on per-processor stripes a cache-line pair apart,
/// so that signing on many cores never writes one shared cache line: each token increments and decrements the
/// stripe of the processor it started on (returned by <see cref="Enter"/>, so a thread that migrates meanwhile
/// decrements the same one). Only retirement reads every stripe.
/// </summary>
/// <remarks>
/// Why a sum of stripes read one by one can decide disposal: every stripe only counts its own enters minus exits,
/// so it is never below the number of signers in flight on it. A signer that got the set (it saw the set not
/// retired after its increment, both interlocked, so full fences) had incremented before the set was retired,
/// hence before any sum that follows retirement starts; if it is still in flight when the sum reads its stripe,
/// that stripe is not zero. A signer that exits during the sum sums again after its own decrement.
/// </remarks>
internal sealed class StripedInUseCount
{
    // 128 bytes between stripes: one cache line and the adjacent line that x64 prefetches with it.
    private const int Stride = 128 / sizeof(int);
    private const int MaxStripes = 64;

    private readonly int[] _counts;
    private readonly int _mask;

    public StripedInUseCount()
    {
        int stripes = (int)Math.Min(MaxStripes, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, Environment.ProcessorCount)));
        _mask = stripes - 1;
        // One stride of padding before the first stripe too, away from the array's header.
        _counts = new int[(stripes + 1) * Stride];
    }

    /// <summary>Counts one signer in; returns the stripe to pass to <see cref="Exit"/>.</summary>
    public int Enter()
    {
        int stripe = (Thread.GetCurrentProcessorId() & _mask) + 1;
        Interlocked.Increment(ref _counts[stripe * Stride]);
        return stripe;
    }

    /// <summary>Counts the signer of <paramref name="stripe"/> out.</summary>
    public void Exit(int stripe) => Interlocked.Decrement(ref _counts[stripe * Stride]);

    /// <summary>Whether no signer is in flight (read after the set was retired; see the remarks).</summary>
    public bool IsZero()
    {
        for (int stripe = 1; stripe <= _mask + 1; stripe++)
        {
            if (Volatile.Read(ref _counts[stripe * Stride]) != 0) return false;
        }
        return true;
    }
}
