namespace TokenIssuer.Tests.Signing;

/// <summary>
/// Byte-exact HS256/HS384/HS512 tokens from shared/reference/jsonwebtoken-sign-spec.md §11.1 (jsonwebtoken 9.0.3, clock 1700000000999 ms,
/// secret 'secret'). Payloads are built in that document's insertion order; the engine must produce the
/// same bytes for these plain-ASCII payloads.
/// </summary>
public class HmacVectorTests
{
    private static string Sign(Dictionary<string, object?> payload, JwtSignOptions? options = null)
    {
        options ??= new JwtSignOptions();
        options.TimeProvider = TestClock.Create();
        return JwtSigner.Sign(payload, SigningKeys.HmacSecret, options);
    }

    private static string SignJsonOptions(Dictionary<string, object?> payload, string optionsJson)
    {
        var options = JwtSignOptions.FromJson(optionsJson);
        options.TimeProvider = TestClock.Create();
        return JwtSigner.Sign(payload, SigningKeys.HmacSecret, options);
    }

    [Fact]
    public void Row01FooBar()
        => Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJmb28iOiJiYXIiLCJpYXQiOjE3MDAwMDAwMDB9.w8Dksgpd_lp1tFTXbpU8lxqFWrkA9eTdp3mkMInGZ5Y",
            JwtSigner.Sign(Payload.Of(("foo", "bar")), SigningKeys.HmacSecret, new JwtSignOptions { TimeProvider = TestClock.Create() }));

    [Fact]
    public void Row02StringPayload()
        => Assert.Equal(
            "eyJhbGciOiJIUzI1NiJ9.aGVsbG8.UYmO_lPAY5V0Wf4KZsfhiYs1SxqXPhxvjuYqellDV5A",
            JwtSigner.Sign("hello", SigningKeys.HmacSecret));

    [Fact]
    public void Row09ExpiresInNumber()
        => Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMDA2MH0.jwJopk9u6Y9lD8dy2hv3CdF2Em1PAPvbY649EZuacPg",
            Sign(Payload.Empty(), new JwtSignOptions { ExpiresIn = JwtDuration.FromSeconds(60) }));

    [Theory]
    [InlineData("60")] // row 10
    [InlineData("120")] // row 11
    [InlineData("999ms")] // row 26
    public void Rows101126ExpiresInRoundsToIat(string expiresIn)
        => Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMDAwMH0.vfzcRrz80-b5zbsZaEh1UozGrDS2g43XmNwIf49FM-o",
            Sign(Payload.Empty(), new JwtSignOptions { ExpiresIn = JwtDuration.Parse(expiresIn) }));

    [Theory]
    [InlineData("2 days", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDE3MjgwMH0.LiacFI2pr42cbvRyx5sKOV2gkgDpCSv32b5jGMN1s54")] // 12
    [InlineData("1.5h", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwNTQwMH0.Tm4bI46rrZI1HkRe8o8IfGuW_maI0AmE7CsT0hSX6hE")] // 13
    [InlineData("-3 days", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTY5OTc0MDgwMH0.lBMgX69_IPr5m3zDZFQlFlSO5UyhEuKSkB-GYqlTz7Y")] // 14
    [InlineData("10 H", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAzNjAwMH0.EX2MsJsJ6cV7Qxjao-zAP6uOdmCG0EN4acWD-DhvTKY")] // 16
    [InlineData("1y", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTczMTU1NzYwMH0.rItTz7n6X5Ba7WhyfxRHw5sR84-i0FYzrbsaU_Xs8hw")] // 23
    [InlineData("-1.5s", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTY5OTk5OTk5OH0.FTqqacgGCszaqXpSR1LtQOvui1zW3WildOf_A2ysoMY")] // 24
    [InlineData("1.1h", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMzk2MH0.ZnYQJFis9p013jj4cIpWKv2eGU4IvXNoSLKi-eNjWPg")] // 25
    [InlineData("1  h", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMzYwMH0.nbyhkpMvoFAUapSCJ4LY4kUgv5J3ljymZWldO0pQGBU")] // 27
    public void ExpiresInStrings(string expiresIn, string expected)
    {
        Assert.Equal(expected, Sign(Payload.Empty(), new JwtSignOptions { ExpiresIn = JwtDuration.Parse(expiresIn) }));
        Assert.Equal(expected, SignJsonOptions(Payload.Empty(), $$"""{"expiresIn":"{{expiresIn}}"}"""));
    }

    [Fact]
    public void Row21NegativeNumber()
        => Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTY5OTk5OTk5MH0.4U3OmZmRD0Bk-ydttaQJQMeFlzY-emZKS5bLrUbZtJY",
            SignJsonOptions(Payload.Empty(), """{"expiresIn":-10}"""));

    [Fact]
    public void Row29NotBefore()
        => Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsIm5iZiI6MTcwMDAwMzYwMH0.GHElFdP_Lghkie_HrVEuJ7BCbHSMCcX9jNeqkDL1s_c",
            Sign(Payload.Empty(), new JwtSignOptions { NotBefore = JwtDuration.Parse("1h") }));

    [Fact]
    public void Row31EveryClaimOption()
    {
        const string expected = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImtpZDEifQ.eyJhIjoxLCJpYXQiOjE3MDAwMDAwMDAsIm5iZiI6MTcwMDAwMDAxMCwiZXhwIjoxNzAwMDAzNjAwLCJhdWQiOiJhdWQxIiwiaXNzIjoiaXNzMSIsInN1YiI6InN1YjEiLCJqdGkiOiJqdGkxIn0.LauJvCRXPRFVl-XG54TjtFKiPnJaO2HaDxLtgK1F7NY";
        Assert.Equal(expected, Sign(Payload.Of(("a", 1)), new JwtSignOptions
        {
            ExpiresIn = JwtDuration.Parse("1h"),
            NotBefore = JwtDuration.FromSeconds(10),
            Audience = "aud1",
            Issuer = "iss1",
            Subject = "sub1",
            JwtId = "jti1",
            KeyId = "kid1",
        }));
        // The order of the options does not matter.
        Assert.Equal(expected, SignJsonOptions(Payload.Of(("a", 1)),
            """{"keyid":"kid1","jwtid":"jti1","subject":"sub1","issuer":"iss1","audience":"aud1","notBefore":10,"expiresIn":"1h"}"""));
    }

    [Fact]
    public void Row32AudienceList()
    {
        const string expected = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImF1ZCI6WyJhIiwiYiJdfQ.J7SqW25hvYfLJ9nnSB2JCrEH1XYp2oePMqH7i6T3uXQ";
        Assert.Equal(expected, Sign(Payload.Empty(), new JwtSignOptions { Audience = new[] { "a", "b" } }));
        Assert.Equal(expected, SignJsonOptions(Payload.Empty(), """{"audience":["a","b"]}"""));
    }

    [Fact]
    public void Row34PayloadIat()
        => Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjEwMDAsImV4cCI6MTA2MH0.Rz8Vi93zXn7cwoAlF3SHjbl2Z-0Xb90e1lDkrKdWJvo",
            Sign(Payload.Of(("iat", 1000)), new JwtSignOptions { ExpiresIn = JwtDuration.FromSeconds(60) }));

    [Fact]
    public void Row35ZeroIatIsReplacedByTheClock()
        => Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMDA2MH0.jwJopk9u6Y9lD8dy2hv3CdF2Em1PAPvbY649EZuacPg",
            Sign(Payload.Of(("iat", 0)), new JwtSignOptions { ExpiresIn = JwtDuration.FromSeconds(60) }));

    [Fact]
    public void Row36FractionalIat()
        => Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjEuNywiZXhwIjo2MX0.lKhKYcP3a5WqvmpkQjXVTtiWQNf-tqEHwrsQIWt3Vns",
            Sign(Payload.Of(("iat", 1.7)), new JwtSignOptions { ExpiresIn = JwtDuration.Parse("60s") }));

    [Fact]
    public void Row37NoTimestampKeepsPayloadIatAsBase()
        => Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjoxLCJleHAiOjEwNjB9.NxuH-ByV-PgNQm2yil9m6un94CQ_vPggNa7gcuO3EVk",
            Sign(Payload.Of(("a", 1), ("iat", 1000)), new JwtSignOptions { NoTimestamp = true, ExpiresIn = JwtDuration.FromSeconds(60) }));

    [Fact]
    public void Row40NaNExpIsWrittenAsNull()
        => Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOm51bGwsImlhdCI6MTcwMDAwMDAwMH0.LZyQRP_kIOeAQZR2rKugDUGmTyghSXMr5TUu_gwsAZM",
            Sign(Payload.Of(("exp", double.NaN))));

    /// <summary>
    /// Row 45 is <c>{aud: undefined}</c> + audience 'y': C# has no <c>undefined</c> (a null <c>aud</c>
    /// conflicts, as <c>aud: null</c> does in jsonwebtoken), so the bytes (with <c>aud</c> first) cannot be
    /// asked for. The same claim values come out of an empty payload.
    /// </summary>
    [Fact]
    public void Row45SameValuesAsAudienceOnEmptyPayload()
    {
        var jwt = new Jwt(Sign(Payload.Empty(), new JwtSignOptions { Audience = "y" }));
        Assert.Equal("""{"iat":1700000000,"aud":"y"}""", jwt.PayloadJson);
        var row45 = new Jwt("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJ5IiwiaWF0IjoxNzAwMDAwMDAwfQ.eKO0rsQ0cwj4AUDxWEByggBhwV4iRjJ1atvb0VS28Ok");
        Assert.Equal(row45.String("aud"), jwt.String("aud"));
        Assert.Equal(row45.Number("iat"), jwt.Number("iat"));
        Assert.True(row45.VerifiesWith("secret"u8.ToArray()));
    }

    [Fact]
    public void Row48StringPayloadWithKeyId()
        => Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsImtpZCI6ImsxIn0.aGVsbG8._OZjIutGm7wWWftQuufDzPerAWrjCTz35RpiXcRtnV8",
            JwtSigner.Sign("hello", SigningKeys.HmacSecret, new JwtSignOptions { KeyId = "k1" }));

    [Fact]
    public void Row54HeaderMerge()
    {
        const string expected = "eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6ImgiLCJ4NXQiOiJhYmMifQ.eyJpYXQiOjE3MDAwMDAwMDB9.Id-XIchcniV0Y6Qe10NkRDfg2sSjZs9-fniFG4UNct4";
        Assert.Equal(expected, Sign(Payload.Empty(), new JwtSignOptions
        {
            Header = Payload.Of(("typ", "at+jwt"), ("x5t", "abc"), ("kid", "h")),
            KeyId = "o",
        }));
        Assert.Equal(expected, SignJsonOptions(Payload.Empty(), """{"header":{"typ":"at+jwt","x5t":"abc","kid":"h"},"keyid":"o"}"""));
    }

    [Fact]
    public void Row56HeaderAlgOverridesAlgorithm()
        => Assert.Equal(
            "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDB9.14V0KMK78pX8hBNCoN9pw1AKxZqCBM4s0pgGQXugY15t4e1aDGtmEo_wZekwPcufoCjDDL6ah_WH7HOMLeW_9g",
            Sign(Payload.Empty(), new JwtSignOptions { Algorithm = JwtAlgorithm.HS384, Header = Payload.Of(("alg", "HS512")) }));

    /// <summary>The same with the options read from JSON (the header values are then JsonElements).</summary>
    [Fact]
    public void Row56HeaderAlgFromJsonOptions()
        => Assert.Equal(
            "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDB9.14V0KMK78pX8hBNCoN9pw1AKxZqCBM4s0pgGQXugY15t4e1aDGtmEo_wZekwPcufoCjDDL6ah_WH7HOMLeW_9g",
            SignJsonOptions(Payload.Empty(), """{"algorithm":"HS384","header":{"alg":"HS512"}}"""));

    [Fact]
    public void ExtraNoTimestamp()
        => Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjoxfQ.57TF7smP9XDhIexBqPC-F1toZReYZLWb_YRU5tv0sxM",
            Sign(Payload.Of(("a", 1)), new JwtSignOptions { NoTimestamp = true }));

    [Fact]
    public void ExtraHS384()
        => Assert.Equal(
            "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDB9.0bXHhlNjJNtftREP2wtFXFSqjIRFMgqHfH4JFVJ0hMqXH75J2049dZPv-xkUDHcU",
            Sign(Payload.Empty(), new JwtSignOptions { Algorithm = JwtAlgorithm.HS384 }));

    [Fact]
    public void ExtraEmptyStringPayload()
        => Assert.Equal(
            "eyJhbGciOiJIUzI1NiJ9..sd3ENUazK8vJX_adQ9xDR3N_oXk_pdfV9-OFlen2FmU",
            JwtSigner.Sign("", SigningKeys.HmacSecret));

    [Fact]
    public void JsonElementPayloadGivesTheSameBytes()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""{"foo":"bar"}""");
        Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJmb28iOiJiYXIiLCJpYXQiOjE3MDAwMDAwMDB9.w8Dksgpd_lp1tFTXbpU8lxqFWrkA9eTdp3mkMInGZ5Y",
            JwtSigner.Sign(doc.RootElement, SigningKeys.HmacSecret, new JwtSignOptions { TimeProvider = TestClock.Create() }));

        using var text = System.Text.Json.JsonDocument.Parse("\"hello\"");
        Assert.Equal("eyJhbGciOiJIUzI1NiJ9.aGVsbG8.UYmO_lPAY5V0Wf4KZsfhiYs1SxqXPhxvjuYqellDV5A",
            JwtSigner.Sign(text.RootElement, SigningKeys.HmacSecret));

        // Row 4: the number 123 is signed as its text.
        using var number = System.Text.Json.JsonDocument.Parse("123");
        Assert.Equal("eyJhbGciOiJIUzI1NiJ9.MTIz.UqiZ2LDYZqYB3xJgkHaihGQnJ_WPTz3hERDpA7bWYjA",
            JwtSigner.Sign(number.RootElement, SigningKeys.HmacSecret));
    }
}
