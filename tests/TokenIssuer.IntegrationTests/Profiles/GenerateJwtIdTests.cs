using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.IntegrationTests.Profiles;

/// <summary>GenerateJwtId: a fresh, unguessable jti in every token, on the dynamic and the typed (callback) path.</summary>
public sealed class GenerateJwtIdTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static Dictionary<string, string?> Configuration() => new()
    {
        ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
        ["JwtIssuer:Profiles:Access:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
        ["JwtIssuer:Profiles:Access:Issuer"] = "https://issuer.test",
        ["JwtIssuer:Profiles:Access:Subject"] = "fixed-subject",
        ["JwtIssuer:Profiles:Access:GenerateJwtId"] = "true",
        ["JwtIssuer:Profiles:Quiet:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:Quiet:NoTimestamp"] = "true",
        ["JwtIssuer:Profiles:Quiet:GenerateJwtId"] = "true",
        ["JwtIssuer:Profiles:Plain:SigningKey"] = "Main",
    };

    [Fact]
    public async Task TwoTokensOfAGenerateJwtIdProfileCarryDifferentIds()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 100_000; i++)
        {
            // Both paths: the dictionary, and the callback the generated Issue{Profile} methods use.
            string token = i % 2 == 0
                ? host.Issuer.Issue("Access", new Dictionary<string, object?> { ["n"] = i })
                : host.Issuer.Issue("Access", i, static (writer, n) => writer.WriteNumber("n", n));
            string jti = JtiOf(token);
            Assert.True(seen.Add(jti), $"token {i} repeats the jti {jti}");
        }
        Assert.Equal(100_000, seen.Count);
    }

    [Fact]
    public async Task TheGeneratedJtiIsBase64UrlOfAtLeast16RandomBytes()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        string jti = JtiOf(host.Issuer.Issue("Access"));

        Assert.Matches("^[A-Za-z0-9_-]+$", jti); // base64url, no padding
        Assert.True(StrictBase64Url.Decode(jti).Length >= 16, $"{jti} decodes to fewer than 16 bytes");
    }

    [Fact]
    public async Task TheGeneratedJtiStandsWhereJsonwebtokenPutsJti()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var access = new Jwt(host.Issuer.Issue("Access", new Dictionary<string, object?> { ["role"] = "reader" }));
        Assert.Equal(new[] { "role", "iat", "exp", "iss", "sub", "jti" }, access.PayloadNames);
        Assert.True(access.VerifiesWith(TestKeys.Secret64));

        var quiet = new Jwt(host.Issuer.Issue("Quiet"));
        Assert.Equal(new[] { "jti" }, quiet.PayloadNames);
    }

    [Fact]
    public async Task AProfileWithoutGenerateJwtIdCarriesNoJti()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        Assert.False(new Jwt(host.Issuer.Issue("Plain")).Has("jti"));
    }

    [Fact]
    public async Task APerCallJtiIsRefusedBecauseTheProfileSetsIt()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var e = Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Access", new Dictionary<string, object?> { ["jti"] = "mine" }));
        Assert.Contains("\"jti\" is set by profile \"Access\"", e.Message);
    }

    [Fact]
    public async Task GenerateJwtIdTogetherWithJwtIdStopsStartUp()
    {
        var configuration = Configuration();
        configuration["JwtIssuer:Profiles:Access:JwtId"] = "always-the-same";
        var e = await TestHosts.StartFailsAsync(configuration);
        Assert.Contains("JwtIssuer:Profiles:Access:GenerateJwtId: GenerateJwtId gives each token a fresh jti, and JwtId gives every token the same one; remove one of them.", e.Failures);
    }

    [Fact]
    public async Task GenerateJwtIdThatIsNotABooleanStopsStartUp()
    {
        var configuration = Configuration();
        configuration["JwtIssuer:Profiles:Access:GenerateJwtId"] = "yes";
        var e = await TestHosts.StartFailsAsync(configuration);
        Assert.Contains("JwtIssuer:Profiles:Access:GenerateJwtId: \"yes\" is not a boolean. Write true or false.", e.Failures);
    }

    [Fact]
    public async Task ACodeProfileCanGenerateJwtIds()
    {
        var builder = TestHosts.Builder(new Dictionary<string, string?> { ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64 });
        builder.Services.AddJwtIssuer().AddProfile("Code", p =>
        {
            p.SigningKey = "Main";
            p.GenerateJwtId = true;
        });
        await using var host = await TestHosts.StartAsync(builder);
        Assert.NotEqual(JtiOf(host.Issuer.Issue("Code")), JtiOf(host.Issuer.Issue("Code")));
    }

    [Fact]
    public async Task AGeneratedJwtIdCostsOnlyTheCharactersItAddsToTheToken()
    {
        // The id is written from the stack straight into the payload: beside the longer token string, nothing is allocated.
        var configuration = Configuration();
        configuration["JwtIssuer:Profiles:Same:SigningKey"] = "Main";
        configuration["JwtIssuer:Profiles:Same:ExpiresIn"] = "15m";
        configuration["JwtIssuer:Profiles:Same:Issuer"] = "https://issuer.test";
        configuration["JwtIssuer:Profiles:Same:Subject"] = "fixed-subject";
        await using var host = await TestHosts.StartAsync(configuration);
        var issuer = host.Issuer;

        long PerToken(string profile)
        {
            for (int i = 0; i < 2_000; i++) issuer.Issue(profile, 0, static (_, _) => { }); // warm up
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1_000; i++) issuer.Issue(profile, 0, static (_, _) => { });
            return (GC.GetAllocatedBytesForCurrentThread() - before) / 1_000;
        }
        long with = PerToken("Access"), without = PerToken("Same");
        int extraChars = issuer.Issue("Access").Length - issuer.Issue("Same").Length;
        output.WriteLine($"bytes allocated per token: {with} with GenerateJwtId, {without} without; the token is {extraChars} characters longer");

        Assert.True(with - without <= extraChars * sizeof(char) + 8, $"{with} bytes per token with GenerateJwtId, {without} without, for {extraChars} more characters");
    }

    private static string JtiOf(string token)
    {
        // Only the payload is decoded: the 100,000-token test stays quick.
        string payload = token.Split('.')[1];
        using var json = System.Text.Json.JsonDocument.Parse(StrictBase64Url.Decode(payload));
        return json.RootElement.GetProperty("jti").GetString()!;
    }
}
