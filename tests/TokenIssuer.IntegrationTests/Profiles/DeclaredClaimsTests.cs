using System.Text.Json;

namespace TokenIssuer.IntegrationTests.Profiles;

/// <summary>
/// The dynamic path (<c>Issue(profile, dictionary)</c>) of a profile that declares Parameters is checked like the
/// typed one: every declared claim present (unless nullable), of its type, and nothing undeclared unless the profile
/// sets AllowUndeclaredClaims. A profile that declares no Parameters takes any claims, as before.
/// </summary>
public sealed class DeclaredClaimsTests
{
    private const string TenantId = "7f1d5a52-43e3-4c6b-9f0e-2d6b3b8f2a10";

    private static Dictionary<string, string?> Configuration() => new()
    {
        ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
        ["JwtIssuer:Profiles:Access:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:Access:Parameters:sub"] = "string",
        ["JwtIssuer:Profiles:Access:Parameters:tenant_id"] = "Guid",
        ["JwtIssuer:Profiles:Access:Parameters:age"] = "int?",
        ["JwtIssuer:Profiles:Access:Parameters:roles"] = "string[]",
        ["JwtIssuer:Profiles:Open:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:Open:Parameters:sub"] = "string",
        ["JwtIssuer:Profiles:Open:AllowUndeclaredClaims"] = "true",
        ["JwtIssuer:Profiles:Free:SigningKey"] = "Main",
    };

    private static Dictionary<string, object?> Valid() => new()
    {
        ["sub"] = "u-42",
        ["tenant_id"] = Guid.Parse(TenantId),
        ["age"] = 30,
        ["roles"] = new[] { "admin" },
    };

    [Fact]
    public async Task ADictionaryWithTheDeclaredClaimsIsIssued()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var jwt = new Jwt(host.Issuer.Issue("Access", Valid()));
        Assert.Equal("u-42", jwt.String("sub"));
        Assert.Equal(TenantId, jwt.String("tenant_id"));
        Assert.Equal(30, jwt.Number("age"));
    }

    [Fact]
    public async Task ValuesThatTheTypedMethodWouldWriteTheSameAreAccepted()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var claims = Valid();
        claims["tenant_id"] = TenantId; // a Guid in its string form
        claims["age"] = 30L; // any integer that fits an int
        claims["roles"] = new List<string> { "admin", "reader" };
        host.Issuer.Issue("Access", claims);

        using var json = JsonDocument.Parse($$"""{ "sub": "u-42", "tenant_id": "{{TenantId}}", "age": 30, "roles": ["admin"] }""");
        var fromJson = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        host.Issuer.Issue("Access", fromJson);
    }

    [Fact]
    public async Task ANullableClaimMayBeLeftOut()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var claims = Valid();
        claims.Remove("age");
        Assert.False(new Jwt(host.Issuer.Issue("Access", claims)).Has("age"));
    }

    [Fact]
    public async Task AMissingDeclaredClaimIsNamedWithItsType()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var claims = Valid();
        claims.Remove("tenant_id");
        var e = Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Access", claims));
        Assert.Equal("tenant_id", e.Option);
        // Configuration lists a section's children in order of their names.
        Assert.Contains("The claims passed for profile \"Access\" do not match its Parameters (age: int?, roles: string[], sub: string, tenant_id: Guid)", e.Message);
        Assert.Contains("\"tenant_id\" is missing (declared Guid)", e.Message);
    }

    [Fact]
    public async Task AnEmptyCallNamesEveryMissingClaim()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var e = Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Access"));
        Assert.Contains(": \"roles\" is missing (declared string[]); \"sub\" is missing (declared string); \"tenant_id\" is missing (declared Guid).", e.Message);
        Assert.DoesNotContain("\"age\"", e.Message);
    }

    [Theory]
    [InlineData("sub", 42, "\"sub\" is of type Int32, not string")]
    [InlineData("sub", null, "\"sub\" is null, not string")]
    [InlineData("tenant_id", "not-a-guid", "\"tenant_id\" is of type String, not Guid")]
    [InlineData("age", "thirty", "\"age\" is of type String, not int?")]
    [InlineData("age", 3_000_000_000L, "\"age\" is of type Int64, not int?")]
    [InlineData("roles", "admin", "\"roles\" is of type String, not string[]")]
    public async Task AMistypedClaimIsNamedWithTheExpectedType(string claim, object? value, string says)
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var claims = Valid();
        claims[claim] = value;
        var e = Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Access", claims));
        Assert.Contains(says, e.Message);
        Assert.Equal(claim, e.Option);
    }

    [Fact]
    public async Task TheMessageNeverQuotesAValue()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var claims = Valid();
        claims["sub"] = 123456789;
        claims["password"] = "hunter2-hunter2";
        var e = Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Access", claims));
        Assert.DoesNotContain("123456789", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }

    [Fact]
    public async Task AnUndeclaredClaimIsRefusedWithTheWayToAllowIt()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var claims = Valid();
        claims["admin"] = true;
        var e = Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Access", claims));
        Assert.Equal("admin", e.Option);
        Assert.Contains("\"admin\" is not declared", e.Message);
        Assert.Contains("declare them in Parameters or set the profile's AllowUndeclaredClaims to true", e.Message);
    }

    [Fact]
    public async Task AllowUndeclaredClaimsPassesExtraClaimsAndStillChecksTheDeclaredOnes()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var jwt = new Jwt(host.Issuer.Issue("Open", new Dictionary<string, object?> { ["sub"] = "u-1", ["extra"] = 5 }));
        Assert.Equal(5, jwt.Number("extra"));

        var e = Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Open", new Dictionary<string, object?> { ["extra"] = 5 }));
        Assert.Contains("\"sub\" is missing (declared string)", e.Message);
    }

    [Fact]
    public async Task AProfileWithoutParametersTakesAnyClaimsAsBefore()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var jwt = new Jwt(host.Issuer.Issue("Free", new Dictionary<string, object?> { ["anything"] = "goes", ["n"] = 1 }));
        Assert.Equal("goes", jwt.String("anything"));
        Assert.False(new Jwt(host.Issuer.Issue("Free")).Has("anything"));
    }

    [Fact]
    public async Task TheCallbackPathIsNotCheckedAgainstTheDictionaryRules()
    {
        // The typed methods' callback writes exactly the declared claims the compiler checked; only the dictionary is checked here.
        await using var host = await TestHosts.StartAsync(Configuration());
        var jwt = new Jwt(host.Issuer.Issue("Access", "u-7", static (writer, sub) => writer.WriteString("sub", sub)));
        Assert.Equal("u-7", jwt.String("sub"));
    }

    [Fact]
    public async Task AllowUndeclaredClaimsThatIsNotABooleanStopsStartUp()
    {
        var configuration = Configuration();
        configuration["JwtIssuer:Profiles:Open:AllowUndeclaredClaims"] = "sometimes";
        var e = await TestHosts.StartFailsAsync(configuration);
        Assert.Contains("JwtIssuer:Profiles:Open:AllowUndeclaredClaims: \"sometimes\" is not a boolean. Write true or false.", e.Failures);
    }
}
