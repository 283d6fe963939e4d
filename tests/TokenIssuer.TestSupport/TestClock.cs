using Microsoft.Extensions.Time.Testing;

namespace TokenIssuer.TestSupport;

/// <summary>
/// The suites' fixed clock: 2023-11-14T22:13:20.999Z, the instant of the jsonwebtoken vectors in shared/reference/jsonwebtoken-sign-spec.md, so the first
/// token's <c>iat</c> is 1700000000 and the 999 ms show that <c>iat</c> is truncated, not rounded.
/// </summary>
public static class TestClock
{
    public const long StartMilliseconds = 1_700_000_000_999;

    public const long StartIat = 1_700_000_000;

    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(StartMilliseconds);

    /// <summary>A fresh fake clock at <see cref="Start"/> (it never moves by itself).</summary>
    public static FakeTimeProvider Create() => new(Start);
}
