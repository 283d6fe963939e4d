using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.IntegrationTests.Issuing;

/// <summary>
/// The exact payload a profile writes: the per-call claims, then iat, nbf, exp, aud, iss, sub and jti in
/// jsonwebtoken's order, with a comma only between members, whichever of them a profile leaves out.
/// </summary>
public sealed class ProfilePayloadTests
{
    private const long Iat = TestClock.StartIat;

    private static Dictionary<string, string?> Configuration() => new()
    {
        ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
        ["JwtIssuer:Profiles:Bare:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:Bare:NoTimestamp"] = "true",
        ["JwtIssuer:Profiles:ConstantsOnly:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:ConstantsOnly:NoTimestamp"] = "true",
        ["JwtIssuer:Profiles:ConstantsOnly:Audience"] = "api",
        ["JwtIssuer:Profiles:ConstantsOnly:Issuer"] = "https://issuer.test",
        ["JwtIssuer:Profiles:Everything:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:Everything:ExpiresIn"] = "15m",
        ["JwtIssuer:Profiles:Everything:NotBefore"] = "30s",
        ["JwtIssuer:Profiles:Everything:Audience:0"] = "api",
        ["JwtIssuer:Profiles:Everything:Audience:1"] = "admin",
        ["JwtIssuer:Profiles:Everything:Issuer"] = "https://issuer.test",
        ["JwtIssuer:Profiles:Everything:Subject"] = "svc-1",
        ["JwtIssuer:Profiles:Everything:JwtId"] = "fixed-id",
        ["JwtIssuer:Profiles:Everything:Claims:tier"] = "gold",
        ["JwtIssuer:Profiles:UniqueOnly:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:UniqueOnly:NoTimestamp"] = "true",
        ["JwtIssuer:Profiles:UniqueOnly:GenerateJwtId"] = "true",
        ["JwtIssuer:Profiles:Unique:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:Unique:ExpiresIn"] = "5m",
        ["JwtIssuer:Profiles:Unique:Issuer"] = "https://issuer.test",
        ["JwtIssuer:Profiles:Unique:GenerateJwtId"] = "true",
    };

    private static async Task<TestHost> StartAsync()
    {
        var builder = TestHosts.Builder(Configuration());
        builder.Services.AddJwtIssuer();
        return await TestHosts.StartAsync(builder);
    }

    private static readonly Dictionary<string, object?> NoClaims = [];

    [Fact]
    public async Task AProfileThatSetsNothingWritesAnEmptyObject()
    {
        await using var host = await StartAsync();
        Assert.Equal("{}", new Jwt(host.Issuer.Issue("Bare", NoClaims)).PayloadJson);
        Assert.Equal("""{"role":"admin"}""", new Jwt(host.Issuer.Issue("Bare", new Dictionary<string, object?> { ["role"] = "admin" })).PayloadJson);
    }

    [Fact]
    public async Task ConstantClaimsWithoutATimestampNeedNoLeadingComma()
    {
        await using var host = await StartAsync();
        Assert.Equal("""{"aud":"api","iss":"https://issuer.test"}""", new Jwt(host.Issuer.Issue("ConstantsOnly", NoClaims)).PayloadJson);
    }

    [Fact]
    public async Task EveryOptionClaimFollowsTheFixedAndPerCallClaimsInJsonwebtokensOrder()
    {
        await using var host = await StartAsync();
        string payload = new Jwt(host.Issuer.Issue("Everything", new Dictionary<string, object?> { ["role"] = "admin" })).PayloadJson;
        Assert.Equal($$"""{"tier":"gold","role":"admin","iat":{{Iat}},"nbf":{{Iat + 30}},"exp":{{Iat + 900}},"aud":["api","admin"],"iss":"https://issuer.test","sub":"svc-1","jti":"fixed-id"}""", payload);
    }

    [Fact]
    public async Task AFreshJwtIdIsTheLastMemberWithOrWithoutOthersBeforeIt()
    {
        await using var host = await StartAsync();

        var alone = host.Issuer.IssueToken("UniqueOnly", NoClaims);
        Assert.Equal($$"""{"jti":"{{alone.JwtId}}"}""", new Jwt(alone.Token).PayloadJson);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", alone.JwtId);

        var after = host.Issuer.IssueToken("Unique", new Dictionary<string, object?> { ["sub"] = "u-1" });
        Assert.Equal($$"""{"sub":"u-1","iat":{{Iat}},"exp":{{Iat + 300}},"iss":"https://issuer.test","jti":"{{after.JwtId}}"}""", new Jwt(after.Token).PayloadJson);
    }

    [Fact]
    public async Task TheTimesFollowTheClockAndTheProfileWhenTokensAlternateOnOneThread()
    {
        await using var host = await StartAsync();

        for (long second = 0; second < 3; second++)
        {
            var unique = new Jwt(host.Issuer.Issue("Unique", new Dictionary<string, object?> { ["sub"] = "u-1" }));
            var everything = new Jwt(host.Issuer.Issue("Everything", NoClaims));
            var againUnique = new Jwt(host.Issuer.Issue("Unique", new Dictionary<string, object?> { ["sub"] = "u-1" }));

            long iat = Iat + second;
            Assert.StartsWith($$"""{"sub":"u-1","iat":{{iat}},"exp":{{iat + 300}},"iss":"https://issuer.test","jti":""", unique.PayloadJson);
            Assert.StartsWith($$"""{"tier":"gold","iat":{{iat}},"nbf":{{iat + 30}},"exp":{{iat + 900}},""", everything.PayloadJson);
            Assert.StartsWith($$"""{"sub":"u-1","iat":{{iat}},"exp":{{iat + 300}},""", againUnique.PayloadJson);
            host.Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }
}
