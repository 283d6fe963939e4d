using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.IntegrationTests.Issuing;

/// <summary>
/// <see cref="IJwtIssuer.IssueToken(string, IReadOnlyDictionary{string, object?})"/> and the profile-key path the generated
/// <c>Issue{Profile}Token</c> methods call: the facts returned are those the token carries, read back by decoding it.
/// </summary>
public sealed class IssuedTokenFactsTests
{
    private static Dictionary<string, string?> Configuration() => new()
    {
        ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
        ["JwtIssuer:Keys:Main:KeyId"] = "main-2026",
        ["JwtIssuer:Keys:Ec:Pem"] = TestKeys.P256.ExportPkcs8PrivateKeyPem(),
        ["JwtIssuer:Profiles:Access:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
        ["JwtIssuer:Profiles:Access:Issuer"] = "https://issuer.test",
        ["JwtIssuer:Profiles:Access:Audience"] = "api",
        ["JwtIssuer:Profiles:Access:JwtId"] = "fixed-id",
        ["JwtIssuer:Profiles:Delayed:SigningKey"] = "Ec",
        ["JwtIssuer:Profiles:Delayed:ExpiresIn"] = "1h",
        ["JwtIssuer:Profiles:Delayed:NotBefore"] = "30s",
        ["JwtIssuer:Profiles:Forever:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:Forever:NoTimestamp"] = "true",
        ["JwtIssuer:Profiles:Unique:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:Unique:ExpiresIn"] = "5m",
        ["JwtIssuer:Profiles:Unique:GenerateJwtId"] = "true",
    };

    private static async Task<TestHost> StartAsync()
    {
        var builder = TestHosts.Builder(Configuration());
        builder.Services.AddJwtIssuer();
        return await TestHosts.StartAsync(builder);
    }

    private static readonly Dictionary<string, object?> Claims = new() { ["sub"] = "u-42" };

    [Fact]
    public async Task TheDynamicPathsFactsAreTheDecodedTokensHeaderAndClaims()
    {
        await using var host = await StartAsync();

        var issued = host.Issuer.IssueToken("Access", Claims);

        AssertFactsMatchToken(issued, "Access");
        Assert.Equal("main-2026", issued.KeyId);
        Assert.Equal("fixed-id", issued.JwtId);
        Assert.Equal(JwtAlgorithm.HS256, issued.Algorithm);
        Assert.Equal(TimeSpan.FromMinutes(15), issued.ExpiresIn);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(TestClock.StartIat), issued.IssuedAt);
        Assert.Null(issued.NotBefore);
    }

    [Fact]
    public async Task AGenerateJwtIdProfilesFactsNameTheFreshJtiEachTokenCarries()
    {
        await using var host = await StartAsync();

        var first = host.Issuer.IssueToken("Unique", Claims);
        var second = host.Issuer.IssueToken(JwtProfileKey.For("Unique"), "u-42", static (writer, sub) => writer.WriteString("sub", sub));

        AssertFactsMatchToken(first, "Unique");
        AssertFactsMatchToken(second, "Unique");
        Assert.NotNull(first.JwtId);
        Assert.NotEqual(first.JwtId, second.JwtId);
    }

    [Fact]
    public async Task TheProfileKeyPathsFactsAreTheDecodedTokensHeaderAndClaims()
    {
        await using var host = await StartAsync();

        // What a generated Issue{Profile}Token method calls: a profile key resolved once and a claims callback.
        var issued = host.Issuer.IssueToken(JwtProfileKey.For("Delayed"), "u-42", static (writer, sub) => writer.WriteString("sub", sub));

        AssertFactsMatchToken(issued, "Delayed");
        Assert.Equal(JwtAlgorithm.ES256, issued.Algorithm);
        Assert.NotNull(issued.KeyId); // the key's RFC 7638 thumbprint
        Assert.Null(issued.JwtId);
        Assert.Equal(issued.IssuedAt + TimeSpan.FromSeconds(30), issued.NotBefore);
        Assert.Equal(TimeSpan.FromHours(1), issued.ExpiresIn);
        Assert.Equal("u-42", new Jwt(issued.Token).Payload.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task AProfileKeyIgnoresCaseAsProfileNamesDoAndTheStringPathSignsTheSameToken()
    {
        await using var host = await StartAsync();

        var byKey = host.Issuer.IssueToken(JwtProfileKey.For("access"), Claims, static (writer, claims) => writer.WriteString("sub", (string?)claims["sub"]));
        string byName = host.Issuer.Issue("Access", Claims);

        Assert.Same(JwtProfileKey.For("ACCESS"), JwtProfileKey.For("access"));
        Assert.Equal("Access", byKey.Profile);
        Assert.Equal(byName, byKey.Token); // the fake clock stands still: the same bytes, the same HMAC
        Assert.Equal(byName, host.Issuer.Issue(JwtProfileKey.For("Access"), Claims, static (writer, claims) => writer.WriteString("sub", (string?)claims["sub"])));
    }

    [Fact]
    public async Task AProfileWithoutExpiryOrTimestampHasNoExpiryFactsAndKeepsTheTimeItWasIssued()
    {
        await using var host = await StartAsync();

        var issued = host.Issuer.IssueToken("Forever", Claims);

        var payload = new Jwt(issued.Token).Payload;
        Assert.False(payload.TryGetProperty("iat", out _));
        Assert.False(payload.TryGetProperty("exp", out _));
        Assert.Null(issued.ExpiresAt);
        Assert.Null(issued.ExpiresIn);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(TestClock.StartIat), issued.IssuedAt);
    }

    [Fact]
    public async Task AnUnknownProfileKeyIsRefusedWithTheProfilesNames()
    {
        await using var host = await StartAsync();

        var error = Assert.Throws<JwtSigningException>(() =>
            host.Issuer.IssueToken(JwtProfileKey.For("Acess"), 0, static (writer, state) => { }));

        Assert.Contains("\"Acess\"", error.Message);
        Assert.Contains("Did you mean \"Access\"?", error.Message);
    }

    [Fact]
    public async Task TheFactsDescriptionLeavesTheTokenOut()
    {
        await using var host = await StartAsync();

        var issued = host.Issuer.IssueToken("Access", Claims);

        Assert.DoesNotContain(issued.Token, issued.ToString());
        Assert.Contains("Access", issued.ToString());
        Assert.Contains("main-2026", issued.ToString());
    }

    /// <summary>Profile, alg, kid, jti, iat, nbf and exp of the facts against the token's header and payload, decoded.</summary>
    internal static void AssertFactsMatchToken(JwtIssuedToken issued, string profile)
    {
        var jwt = new Jwt(issued.Token);
        var payload = jwt.Payload;
        Assert.Equal(profile, issued.Profile);
        Assert.Equal(jwt.Alg, issued.Algorithm.ToString());
        Assert.Equal(jwt.Kid, issued.KeyId);
        Assert.Equal(payload.TryGetProperty("jti", out var jti) ? jti.GetString() : null, issued.JwtId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(jwt.Iat), issued.IssuedAt);
        Assert.Equal(NumericDate(payload, "nbf"), issued.NotBefore);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(jwt.Exp), issued.ExpiresAt);
        Assert.Equal(TimeSpan.FromSeconds(jwt.Exp - jwt.Iat), issued.ExpiresIn);
    }

    private static DateTimeOffset? NumericDate(JsonElement payload, string claim)
        => payload.TryGetProperty(claim, out var value) ? DateTimeOffset.FromUnixTimeSeconds(value.GetInt64()) : null;
}
