using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.IntegrationTests.Profiles;

/// <summary>
/// Profiles refuse what an issuer must not emit: header members that steer validators (kid, jku, x5u, jwk, x5c —
/// RFC 8725 §3.10 — besides alg and crit) in any case, and lifetimes that give no valid token once rounded to the
/// whole seconds a token carries, or that end past the year 9999.
/// </summary>
public sealed class IssuerMustNotEmitTests
{
    private const string P = "JwtIssuer:Profiles:Access";

    private static Dictionary<string, string?> Configuration() => new()
    {
        ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
        [P + ":SigningKey"] = "Main",
        [P + ":ExpiresIn"] = "15m",
    };

    [Theory]
    [InlineData("kid", "the kid comes from the signing key")]
    [InlineData("KID", "(\"kid\" in another case, which validators may read as \"kid\") cannot be set in Header")]
    [InlineData("jku", "RFC 8725 §3.10")]
    [InlineData("x5u", "RFC 8725 §3.10")]
    [InlineData("jwk", "RFC 8725 §3.10")]
    [InlineData("x5c", "RFC 8725 §3.10")]
    [InlineData("Alg", "set the profile's Algorithm instead")]
    [InlineData("ALG", "set the profile's Algorithm instead")]
    [InlineData("Crit", "critical extensions")]
    public async Task AHeaderMemberThatSteersValidatorsIsRefusedInAnyCase(string member, string says)
    {
        var configuration = Configuration();
        configuration[$"{P}:Header:{member}"] = "x";
        var e = await TestHosts.StartFailsAsync(configuration);
        var failure = Assert.Single(e.Failures);
        Assert.StartsWith($"{P}:Header: \"{member}\"", failure);
        Assert.Contains(says, failure);
    }

    [Theory]
    [InlineData("500ms", null, "ExpiresIn", "is under one second")]
    [InlineData("0.5", null, "ExpiresIn", "is under one second")]
    [InlineData("1.9s", "1.5s", "NotBefore", "NotBefore is not earlier than ExpiresIn")]
    [InlineData("8000y", null, "ExpiresIn", "\"8000y\" is too large to be a token lifetime")]
    [InlineData("15m", "8000y", "NotBefore", "\"8000y\" is too large to be a token lifetime")]
    public async Task ALifetimeThatGivesNoValidTokenInWholeSecondsIsRefused(string expiresIn, string? notBefore, string option, string says)
    {
        var configuration = Configuration();
        configuration[P + ":ExpiresIn"] = expiresIn;
        configuration[P + ":NotBefore"] = notBefore;
        var e = await TestHosts.StartFailsAsync(configuration);
        var failure = Assert.Single(e.Failures);
        Assert.StartsWith($"{P}:{option}: ", failure);
        Assert.Contains(says, failure);
    }

    [Fact]
    public async Task TheYear9999IsJudgedByTheClockInDI()
    {
        // Issued in 9995, a 10-year token would expire in 10005; a 1-year token still fits.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(9995, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var configuration = Configuration();
        configuration[P + ":ExpiresIn"] = "10y";
        var builder = TestHosts.Builder(configuration, time: clock);
        builder.Services.AddJwtIssuer();
        var e = await TestHosts.StartFailsAsync(builder);
        Assert.StartsWith(P + ":ExpiresIn: \"10y\" is too large to be a token lifetime", Assert.Single(e.Failures));

        configuration[P + ":ExpiresIn"] = "1y";
        builder = TestHosts.Builder(configuration, time: clock);
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);
        Assert.True(new Jwt(host.Issuer.Issue("Access")).Exp <= 253402300799);
    }

    [Theory]
    [InlineData("1s", null)]
    [InlineData("2.5s", "1.5s")]
    [InlineData("7000y", null)]
    public async Task LifetimesThatStillDifferInWholeSecondsAreAccepted(string expiresIn, string? notBefore)
    {
        var configuration = Configuration();
        configuration[P + ":ExpiresIn"] = expiresIn;
        configuration[P + ":NotBefore"] = notBefore;
        await using var host = await TestHosts.StartAsync(configuration);
        var jwt = new Jwt(host.Issuer.Issue("Access"));
        Assert.True(jwt.Exp > jwt.Iat);
        if (notBefore is not null) Assert.True(jwt.Number("nbf") < jwt.Exp);
    }
}
