using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.IntegrationTests.Issuing;

/// <summary>The FakeTimeProvider from DI drives iat/nbf/exp; IJwtIssuer's errors for unknown profiles and colliding claims.</summary>
public sealed class ClockAndErrorTests
{
    private static Dictionary<string, string?> Configuration() => new()
    {
        ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
        ["JwtIssuer:Profiles:Access:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
        ["JwtIssuer:Profiles:Access:Issuer"] = "https://issuer.test",
        ["JwtIssuer:Profiles:Access:Audience"] = "api",
        ["JwtIssuer:Profiles:Access:Subject"] = "fixed-subject",
        ["JwtIssuer:Profiles:Access:JwtId"] = "fixed-id",
        ["JwtIssuer:Profiles:Access:Claims:role"] = "reader",
        ["JwtIssuer:Profiles:Delayed:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:Delayed:ExpiresIn"] = "1h",
        ["JwtIssuer:Profiles:Delayed:NotBefore"] = "1500ms",
        ["JwtIssuer:Profiles:Refresh:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:Refresh:ExpiresIn"] = "7d",
        ["JwtIssuer:Profiles:Refresh:NotBefore"] = "30",
    };

    private static async Task<TestHost> StartAsync(FakeTimeProvider clock)
    {
        var builder = TestHosts.Builder(Configuration(), time: clock);
        builder.Services.AddJwtIssuer();
        return await TestHosts.StartAsync(builder);
    }

    [Fact]
    public async Task TheClockFromDIDrivesIatAndExpExactly()
    {
        var clock = TestClock.Create();
        await using var host = await StartAsync(clock);

        var first = new Jwt(host.Issuer.Issue("Access"));
        Assert.Equal(TestClock.StartIat, first.Iat); // 1700000000.999 s is rounded down
        Assert.Equal(TestClock.StartIat + 900, first.Exp);

        clock.Advance(TimeSpan.FromMilliseconds(1)); // crosses into the next second
        var second = new Jwt(host.Issuer.Issue("Access"));
        Assert.Equal(TestClock.StartIat + 1, second.Iat);
        Assert.Equal(second.Iat + 900, second.Exp);

        clock.Advance(TimeSpan.FromMinutes(10));
        var third = new Jwt(host.Issuer.Issue("Access"));
        Assert.Equal(TestClock.StartIat + 601, third.Iat);
        Assert.Equal(third.Iat + 900, third.Exp);

        // Valid while the fake clock is before exp, expired at exp.
        var key = new SymmetricSecurityKey(TestKeys.Secret64);
        await JsonWebTokenValidation.AssertValidAsync(third.Token, key, clock.GetUtcNow(), "https://issuer.test", "api");
        clock.Advance(TimeSpan.FromSeconds(899));
        await JsonWebTokenValidation.AssertValidAsync(third.Token, key, clock.GetUtcNow(), "https://issuer.test", "api");
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False((await JsonWebTokenValidation.ValidateAsync(third.Token, key, clock.GetUtcNow(), "https://issuer.test", "api")).IsValid);
    }

    [Fact]
    public async Task UnitLessNotBeforeIsSecondsAndDurationsAreRoundedDown()
    {
        await using var host = await StartAsync(TestClock.Create());

        var refresh = new Jwt(host.Issuer.Issue("Refresh"));
        Assert.Equal(TestClock.StartIat + 30, refresh.Payload.GetProperty("nbf").GetInt64());
        Assert.Equal(TestClock.StartIat + 7 * 86400, refresh.Exp);

        // jsonwebtoken's arithmetic: floor(iat + 1.5) = iat + 1.
        var delayed = new Jwt(host.Issuer.Issue("Delayed"));
        Assert.Equal(TestClock.StartIat + 1, delayed.Payload.GetProperty("nbf").GetInt64());
        Assert.Equal(TestClock.StartIat + 3600, delayed.Exp);
    }

    [Fact]
    public async Task AnUnknownProfileListsTheKnownOnes()
    {
        await using var host = await StartAsync(TestClock.Create());

        var error = Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Acess"));
        Assert.Contains("There is no token profile \"Acess\". The profiles are: ", error.Message, StringComparison.Ordinal);
        foreach (string profile in new[] { "Access", "Delayed", "Refresh" }) Assert.Contains(profile, error.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean \"Access\"?", error.Message, StringComparison.Ordinal);

        Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Nope", new Dictionary<string, object?> { ["a"] = 1 }));
    }

    [Theory]
    [InlineData("iat")]
    [InlineData("exp")]
    [InlineData("nbf")]
    [InlineData("iss")]
    [InlineData("aud")]
    [InlineData("sub")]
    [InlineData("jti")]
    [InlineData("role")]
    public async Task PerCallClaimThatTheProfileSetsIsRefused(string claim)
    {
        await using var host = await StartAsync(TestClock.Create());

        var error = Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Access", new Dictionary<string, object?> { ["tenant"] = "t", [claim] = "x" }));
        Assert.Equal(claim, error.Option);
        Assert.Contains($"The claim \"{claim}\" is set by profile \"Access\"", error.Message, StringComparison.Ordinal);

        // The failed call leaves nothing behind: the next token on this thread is whole and valid.
        var next = new Jwt(host.Issuer.Issue("Access", new Dictionary<string, object?> { ["tenant"] = "t2" }));
        Assert.Equal("t2", next.String("tenant"));
        await JsonWebTokenValidation.AssertValidAsync(next.Token, new SymmetricSecurityKey(TestKeys.Secret64), TestClock.Start, "https://issuer.test", "api");
    }

    [Theory]
    [InlineData("iss")]
    [InlineData("aud")]
    [InlineData("sub")]
    [InlineData("jti")]
    public async Task PerCallClaimThatTheProfileDoesNotSetIsWritten(string claim)
    {
        await using var host = await StartAsync(TestClock.Create());

        var token = new Jwt(host.Issuer.Issue("Refresh", new Dictionary<string, object?> { [claim] = "per-call" }));
        Assert.Equal("per-call", token.String(claim));
    }
}
