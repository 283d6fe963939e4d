namespace TokenIssuer;

/// <summary>
/// How many tokens are being signed with a plan set, counted on stripes a cache-line pair apart, so that signing
/// on many cores never writes one shared cache line: each thread is given a stripe once (round robin, twice as
/// many stripes as processors) and every token it signs increments and decrements that stripe. Only retirement
/// reads every stripe. A thread's stripe rather than the current processor's (<see cref="Thread.GetCurrentProcessorId"/>):
/// the two cost the same within the noise of SigningPartsBenchmarks, and a thread's stripe never changes.
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

    // The same for every plan set, so a thread's stripe number fits them all.
    private static readonly int Stripes = (int)Math.Min(MaxStripes, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, 2 * Environment.ProcessorCount)));
    private static int s_nextStripe;

    [ThreadStatic]
    private static int t_stripe; // 1..Stripes; 0 until the thread first signs

    private readonly int[] _counts = new int[(Stripes + 1) * Stride]; // stripe 0 is padding, away from the array's header

    /// <summary>Counts one signer in; returns the stripe to pass to <see cref="Exit"/>.</summary>
    public int Enter()
    {
        int stripe = t_stripe;
        if (stripe == 0) t_stripe = stripe = (Interlocked.Increment(ref s_nextStripe) & (Stripes - 1)) + 1;
        Interlocked.Increment(ref _counts[stripe * Stride]);
        return stripe;
    }

    /// <summary>Counts the signer of <paramref name="stripe"/> out.</summary>
    public void Exit(int stripe) => Interlocked.Decrement(ref _counts[stripe * Stride]);

    /// <summary>Whether no signer is in flight (read after the set was retired; see the remarks).</summary>
    public bool IsZero()
    {
        for (int stripe = 1; stripe <= Stripes; stripe++)
        {
            if (Volatile.Read(ref _counts[stripe * Stride]) != 0) return false;
        }
        return true;
    }
}
