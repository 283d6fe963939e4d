using System;

namespace TokenIssuer.Generator.Parsing;

/// <summary>
/// The NumericDate the lifetime rules take as a token's issue time at build time: now, as start-up takes its
/// clock's now. Only a lifetime that ends within a few seconds of the year 9999 could be judged differently.
/// </summary>
internal static class BuildClock
{
    public static double Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
