namespace TokenIssuer.Cli;

/// <summary>A clock that always reads the same instant (<c>--now</c>, and each batch request's <c>now</c>).</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    /// <summary>
    /// The instant <paramref name="unixSeconds"/> seconds after the epoch, to the millisecond (jsonwebtoken
    /// reads <c>Date.now()</c>, which is <c>now * 1000</c>). False when it is not finite or lies outside
    /// years 1 to 9999.
    /// </summary>
    public static bool TryFromUnixSeconds(double unixSeconds, out FixedClock clock)
    {
        clock = null!;
        double milliseconds = Math.Floor(unixSeconds * 1000);
        if (!double.IsFinite(milliseconds)
            || milliseconds < DateTimeOffset.MinValue.ToUnixTimeMilliseconds()
            || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }
        clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds));
        return true;
    }

    public const string RangeHint = "Unix seconds between -62135596800 (year 1) and 253402300799 (year 9999)";
}
