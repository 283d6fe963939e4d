namespace TokenIssuer.Tests;

/// <summary>Sign options on the suites' fixed clock, so that <c>iat</c> is <see cref="TestClock.StartIat"/>.</summary>
internal static class TestSignOptions
{
    public static JwtSignOptions Create() => new() { TimeProvider = TestClock.Create() };
}
