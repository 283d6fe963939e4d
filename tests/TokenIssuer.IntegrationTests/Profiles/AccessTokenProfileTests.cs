namespace TokenIssuer.IntegrationTests.Profiles;

/// <summary>
/// <c>"Rfc9068": true</c>: the profile issues OAuth 2.0 access tokens in the RFC 9068 profile — typ at+jwt, and
/// iss, exp, aud, sub, client_id, iat and jti in every token — and start-up refuses a profile that cannot promise them.
/// </summary>
public sealed class AccessTokenProfileTests
{
    private const string P = "JwtIssuer:Profiles:Access";

    private static Dictionary<string, string?> Configuration() => new()
    {
        ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
        [P + ":SigningKey"] = "Main",
        [P + ":Rfc9068"] = "true",
        [P + ":GenerateJwtId"] = "true",
        [P + ":ExpiresIn"] = "15m",
        [P + ":Issuer"] = "https://id.example.com",
        [P + ":Audience"] = "orders-api",
        [P + ":Claims:client_id"] = "sample-spa",
        [P + ":Parameters:sub"] = "string",
        [P + ":Parameters:scope"] = "string?",
    };

    [Fact]
    public async Task AnRfc9068ProfileTypesItsTokensAtJwtAndCarriesEveryRequiredClaim()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var jwt = new Jwt(host.Issuer.Issue("Access", new Dictionary<string, object?> { ["sub"] = "u-42" }));

        Assert.Equal("at+jwt", jwt.Header.GetProperty("typ").GetString());
        foreach (string claim in new[] { "iss", "exp", "aud", "sub", "client_id", "iat", "jti" }) Assert.True(jwt.Has(claim), $"no {claim}");
        Assert.Equal("sample-spa", jwt.String("client_id"));
        Assert.True(jwt.VerifiesWith(TestKeys.Secret64));
    }

    [Fact]
    public async Task TheProfileDescriptionNamesTheRequiredClaimsAndTheType()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var description = ((IJwtKeyRing)host.Issuer).DescribeProfile("Access")!;
        Assert.Equal("at+jwt", description.TokenType);
        Assert.Equal(new[] { "iss", "exp", "aud", "sub", "client_id", "iat", "jti" }, description.RequiredClaims);
    }

    [Fact]
    public async Task AnRfc9068ProfileAcceptsItsOwnTypInTheHeader()
    {
        var configuration = Configuration();
        configuration[P + ":Header:typ"] = "at+jwt";
        await using var host = await TestHosts.StartAsync(configuration);
        Assert.Equal("at+jwt", new Jwt(host.Issuer.Issue("Access", new Dictionary<string, object?> { ["sub"] = "u" })).Header.GetProperty("typ").GetString());
    }

    /// <summary>Each option RFC 9068 needs, taken away: start-up names it, at the profile's Rfc9068 option, with the fix.</summary>
    [Theory]
    [InlineData("Issuer", null, "an RFC 9068 access token must carry \"iss\" (§2.2); set Issuer.")]
    [InlineData("ExpiresIn", null, "an RFC 9068 access token must carry \"exp\" (§2.2); set ExpiresIn")]
    [InlineData("Audience", null, "an RFC 9068 access token must carry \"aud\" (§2.2); set Audience")]
    [InlineData("Parameters:sub", null, "an RFC 9068 access token must carry \"sub\" (§2.2); set Subject, or declare \"sub\" in Parameters")]
    [InlineData("Parameters:sub", "string?", "Parameters:sub is \"string?\", which may be left out; declare it as string.")]
    [InlineData("Claims:client_id", null, "an RFC 9068 access token must carry \"client_id\" (§2.2); add \"client_id\" to Claims")]
    [InlineData("NoTimestamp", "true", "an RFC 9068 access token must carry \"iat\" (§2.2); remove NoTimestamp.")]
    [InlineData("GenerateJwtId", null, "an RFC 9068 access token must carry \"jti\" (§2.2); set GenerateJwtId to true")]
    public async Task EachClaimTheProfileCannotPromiseStopsStartUpWithItsFix(string option, string? value, string says)
    {
        var configuration = Configuration();
        configuration[$"{P}:{option}"] = value;
        var e = await TestHosts.StartFailsAsync(configuration);
        var failure = Assert.Single(e.Failures);
        Assert.StartsWith(P + ":Rfc9068: ", failure);
        Assert.Contains(says, failure);
    }

    [Fact]
    public async Task AConstantJwtIdIsRefusedBecauseRfc9068WantsUniqueIds()
    {
        var configuration = Configuration();
        configuration[P + ":GenerateJwtId"] = null;
        configuration[P + ":JwtId"] = "one-for-all";
        var e = await TestHosts.StartFailsAsync(configuration);
        Assert.Equal(P + ":Rfc9068: an RFC 9068 access token needs a unique jti (§2.2), but JwtId gives every token the same one; remove JwtId and set GenerateJwtId to true.", Assert.Single(e.Failures));
    }

    [Fact]
    public async Task AClientIdParameterAndASubjectOptionServeToo()
    {
        var configuration = Configuration();
        configuration[P + ":Claims:client_id"] = null;
        configuration[P + ":Parameters:client_id"] = "string";
        configuration[P + ":Parameters:sub"] = null;
        configuration[P + ":Subject"] = "service-account";
        await using var host = await TestHosts.StartAsync(configuration);
        var jwt = new Jwt(host.Issuer.Issue("Access", new Dictionary<string, object?> { ["client_id"] = "cli" }));
        Assert.Equal("cli", jwt.String("client_id"));
        Assert.Equal("service-account", jwt.String("sub"));
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("rt+jwt")]
    public async Task AConflictingHeaderTypIsRefused(string typ)
    {
        var configuration = Configuration();
        configuration[P + ":Header:typ"] = typ;
        var e = await TestHosts.StartFailsAsync(configuration);
        Assert.Equal($"{P}:Header: \"typ\" is \"{typ}\", but the tokens of an RFC 9068 profile are typed \"at+jwt\" (§2.1), which the profile sets itself; remove it from Header.", Assert.Single(e.Failures));
    }

    [Fact]
    public async Task ATypedCallThatLeavesSubOutIsRefused()
    {
        // A generated method's non-nullable string can still be passed null, which leaves the claim out.
        await using var host = await TestHosts.StartAsync(Configuration());
        var e = Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Access", (string?)null, static (writer, sub) => writer.WriteString("sub", sub)));
        Assert.Equal("sub", e.Option);
        Assert.Contains("Profile \"Access\" issues RFC 9068 access tokens, which must carry \"sub\"", e.Message);
    }

    [Fact]
    public async Task ADictionaryWithoutSubIsRefusedByTheDeclaredParameters()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var e = Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Access", new Dictionary<string, object?> { ["scope"] = "read" }));
        Assert.Contains("\"sub\" is missing (declared string)", e.Message);
    }
}
