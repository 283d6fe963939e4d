using System.Text.Json;

namespace TokenIssuer.IntegrationTests.Issuing;

/// <summary>Tokens of every algorithm, issued through IJwtIssuer and checked by Microsoft.IdentityModel's JsonWebTokenHandler.</summary>
public sealed class AlgorithmTests(AlgorithmFixture fixture) : IClassFixture<AlgorithmFixture>
{
    public static TheoryData<string> Algorithms => new(AlgorithmFixture.Profiles.Keys);

    [Fact]
    public void EveryAlgorithmHasAProfile()
        => Assert.Equal(AlgorithmFixture.Profiles.Keys.Order(), fixture.Host.Issuer.Profiles.Order());

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task TokensValidateWithThePublicKeyAndCarryTheConfiguredClaims(string algorithm)
    {
        var claims = new Dictionary<string, object?>
        {
            ["sub"] = "user-42",
            ["tenant"] = "contoso",
            ["level"] = 3,
            ["admin"] = true,
            ["groups"] = new[] { "a", "b" },
        };
        var token = new Jwt(fixture.Host.Issuer.Issue(algorithm, claims));

        Assert.Equal(algorithm, token.Alg);
        Assert.Equal("JWT", token.Header.GetProperty("typ").GetString());
        Assert.Equal(AlgorithmFixture.ExpectedKid(algorithm), token.Kid);

        // Fixed claims, per-call claims, options claims.
        Assert.Equal("reader", token.String("role"));
        Assert.Equal(algorithm, token.String("profile"));
        Assert.Equal("user-42", token.String("sub"));
        Assert.Equal("contoso", token.String("tenant"));
        Assert.Equal(3, token.Payload.GetProperty("level").GetInt32());
        Assert.True(token.Payload.GetProperty("admin").GetBoolean());
        Assert.Equal(new[] { "a", "b" }, token.Payload.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(AlgorithmFixture.Issuer, token.String("iss"));
        Assert.Equal(AlgorithmFixture.Audience, token.String("aud"));
        Assert.Equal(TestClock.StartIat, token.Iat);
        Assert.Equal(token.Iat + AlgorithmFixture.Profiles[algorithm].Seconds, token.Exp);
        Assert.False(token.Has("nbf"));

        // An independent validator accepts it with the public key, at the fake clock's time.
        var key = AlgorithmFixture.PublicKey(algorithm);
        await JsonWebTokenValidation.AssertValidAsync(token.Token, key, TestClock.Start, AlgorithmFixture.Issuer, AlgorithmFixture.Audience);
        var validated = await JsonWebTokenValidation.ValidateAsync(token.Token, key, TestClock.Start, AlgorithmFixture.Issuer, AlgorithmFixture.Audience);
        Assert.Equal("contoso", validated.Claims["tenant"]);

        // ...and rejects it with another key, with another audience or issuer, and once expired.
        Assert.False((await JsonWebTokenValidation.ValidateAsync(token.Token, AlgorithmFixture.OtherKey(algorithm), TestClock.Start, AlgorithmFixture.Issuer, AlgorithmFixture.Audience)).IsValid);
        Assert.False((await JsonWebTokenValidation.ValidateAsync(token.Token, key, TestClock.Start, AlgorithmFixture.Issuer, "other-api")).IsValid);
        Assert.False((await JsonWebTokenValidation.ValidateAsync(token.Token, key, TestClock.Start, "https://other.test", AlgorithmFixture.Audience)).IsValid);
        var expiry = DateTimeOffset.FromUnixTimeSeconds(token.Exp);
        Assert.True((await JsonWebTokenValidation.ValidateAsync(token.Token, key, expiry.AddSeconds(-1), AlgorithmFixture.Issuer, AlgorithmFixture.Audience)).IsValid);
        Assert.False((await JsonWebTokenValidation.ValidateAsync(token.Token, key, expiry, AlgorithmFixture.Issuer, AlgorithmFixture.Audience)).IsValid);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void PayloadOrderIsFixedClaimsThenPerCallThenOptionClaims(string algorithm)
    {
        var token = new Jwt(fixture.Host.Issuer.Issue(algorithm, new Dictionary<string, object?> { ["tenant"] = "t" }));
        var names = token.Payload.EnumerateObject().Select(p => p.Name).ToArray();
        // Configuration sorts the fixed claims by name; the option claims follow in jsonwebtoken's order.
        Assert.Equal(new[] { "profile", "role" }, names[..2].Order());
        Assert.Equal(new[] { "tenant", "iat", "exp", "aud", "iss" }, names[2..]);
        Assert.Equal(JsonValueKind.Number, token.Payload.GetProperty("iat").ValueKind);
    }
}
