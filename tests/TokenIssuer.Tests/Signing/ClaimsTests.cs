using System.Collections.ObjectModel;
using System.Text.Json;

namespace TokenIssuer.Tests.Signing;

/// <summary>iat/nbf/exp/aud/iss/sub/jti semantics, conflicts, payload types and mutatePayload (shared/reference/jsonwebtoken-sign-spec.md §4).</summary>
public class ClaimsTests
{
    private static Jwt Sign(IReadOnlyDictionary<string, object?> payload, JwtSignOptions? options = null)
    {
        options ??= new JwtSignOptions();
        options.TimeProvider = TestClock.Create();
        return new Jwt(JwtSigner.Sign(payload, SigningKeys.HmacSecret, options));
    }

    private static Jwt SignJson(IReadOnlyDictionary<string, object?> payload, string optionsJson)
    {
        var options = JwtSignOptions.FromJson(optionsJson);
        options.TimeProvider = TestClock.Create();
        return new Jwt(JwtSigner.Sign(payload, SigningKeys.HmacSecret, options));
    }

    [Fact]
    public void IatComesFromTheClockRoundedDown()
    {
        // 1700000000999 ms → 1700000000 (never rounded up).
        Assert.Equal("""{"iat":1700000000}""", Sign(Payload.Empty()).PayloadJson);
        var later = TestClock.Create();
        later.Advance(TimeSpan.FromMilliseconds(1));
        var jwt = new Jwt(JwtSigner.Sign(Payload.Empty(), SigningKeys.HmacSecret, new JwtSignOptions { TimeProvider = later }));
        Assert.Equal(1_700_000_001d, jwt.Number("iat"));
    }

    [Fact]
    public void NoTimestampDropsIatEvenFromThePayload()
    {
        Assert.Equal("{}", Sign(Payload.Of(("iat", 1000)), new JwtSignOptions { NoTimestamp = true }).PayloadJson);
        Assert.Equal("""{"a":1}""", Sign(Payload.Of(("a", 1)), new JwtSignOptions { NoTimestamp = true }).PayloadJson);
        // ... but its value is still the base of exp and nbf.
        Assert.Equal("""{"a":1,"nbf":1010,"exp":1060}""",
            Sign(Payload.Of(("a", 1), ("iat", 1000)), new JwtSignOptions { NoTimestamp = true, ExpiresIn = JwtDuration.FromSeconds(60), NotBefore = JwtDuration.FromSeconds(10) }).PayloadJson);
    }

    [Theory]
    [InlineData(0d)]
    [InlineData(double.NaN)]
    public void FalsyIatIsReplacedByTheClockInPlace(double iat)
    {
        var jwt = Sign(Payload.Of(("a", 1), ("iat", iat), ("b", 2)), new JwtSignOptions { ExpiresIn = JwtDuration.FromSeconds(60) });
        Assert.Equal("""{"a":1,"iat":1700000000,"b":2,"exp":1700000060}""", jwt.PayloadJson);
    }

    [Fact]
    public void NegativeAndFractionalIatAreKept()
    {
        Assert.Equal("""{"iat":-5,"exp":5}""", Sign(Payload.Of(("iat", -5)), new JwtSignOptions { ExpiresIn = JwtDuration.FromSeconds(10) }).PayloadJson);
        Assert.Equal("""{"iat":1.7,"exp":61.7}""", Sign(Payload.Of(("iat", 1.7)), new JwtSignOptions { ExpiresIn = JwtDuration.FromSeconds(60) }).PayloadJson);
        Assert.Equal("""{"iat":1.7,"exp":61}""", Sign(Payload.Of(("iat", 1.7)), new JwtSignOptions { ExpiresIn = JwtDuration.Parse("60s") }).PayloadJson);
    }

    [Theory]
    [InlineData("""{"expiresIn": 60}""", "exp", 1_700_000_060d)]
    [InlineData("""{"expiresIn": "60"}""", "exp", 1_700_000_000d)]
    [InlineData("""{"expiresIn": "60s"}""", "exp", 1_700_000_060d)]
    [InlineData("""{"expiresIn": 0}""", "exp", 1_700_000_000d)]
    [InlineData("""{"expiresIn": -10}""", "exp", 1_699_999_990d)]
    [InlineData("""{"notBefore": 60}""", "nbf", 1_700_000_060d)]
    [InlineData("""{"notBefore": "60"}""", "nbf", 1_700_000_000d)]
    [InlineData("""{"notBefore": "60s"}""", "nbf", 1_700_000_060d)]
    [InlineData("""{"notBefore": "1h"}""", "nbf", 1_700_003_600d)]
    public void NumberIsSecondsStringIsMilliseconds(string optionsJson, string claim, double expected)
    {
        Assert.Equal(expected, SignJson(Payload.Empty(), optionsJson).Number(claim));
    }

    [Fact]
    public void HugeNumericDurationIsAccepted()
    {
        var jwt = SignJson(Payload.Empty(), """{"expiresIn": 1e21}""");
        Assert.Equal(1e21 + 1_700_000_000, jwt.Number("exp"));
    }

    [Fact]
    public void ClaimsFollowThePayloadInJsonwebtokensOrder()
    {
        var jwt = SignJson(Payload.Of(("a", 1), ("iss", null)),
            """{"jwtid":"j","subject":"s","audience":"a","expiresIn":60,"notBefore":30}""");
        Assert.Equal(new[] { "a", "iss", "iat", "nbf", "exp", "aud", "sub", "jti" }, jwt.PayloadNames);
        var iat1000 = Sign(Payload.Of(("iat", 1000)), new JwtSignOptions { NotBefore = JwtDuration.FromSeconds(30), ExpiresIn = JwtDuration.Parse("1m") });
        Assert.Equal("""{"iat":1000,"nbf":1030,"exp":1060}""", iat1000.PayloadJson);
    }

    [Fact]
    public void AudienceStringOrList()
    {
        Assert.Equal("""{"iat":1700000000,"aud":"api"}""", Sign(Payload.Empty(), new JwtSignOptions { Audience = "api" }).PayloadJson);
        Assert.Equal("""{"iat":1700000000,"aud":["api"]}""", Sign(Payload.Empty(), new JwtSignOptions { Audience = new[] { "api" } }).PayloadJson);
        Assert.Equal("""{"iat":1700000000,"aud":["a","b"]}""", Sign(Payload.Empty(), new JwtSignOptions { Audience = JwtAudience.FromList(new List<string> { "a", "b" }) }).PayloadJson);
        Assert.Equal("""{"iat":1700000000,"aud":[1,"x",null]}""", Sign(Payload.Empty(), new JwtSignOptions { Audience = JwtAudience.FromValues(new object?[] { 1, "x", null }) }).PayloadJson);
        Assert.Equal("""{"iat":1700000000,"aud":[]}""", SignJson(Payload.Empty(), """{"audience":[]}""").PayloadJson);
        Assert.Equal("""{"iat":1700000000,"aud":""}""", SignJson(Payload.Empty(), """{"audience":""}""").PayloadJson);
        Assert.Equal("api", JwtAudience.FromString("api").Single);
        Assert.Null(JwtAudience.FromString("api").Values);
        Assert.Equal(new object?[] { "a", "b" }, JwtAudience.FromList(new[] { "a", "b" }).Values);
    }

    [Fact]
    public void IssuerSubjectJwtIdMayBeEmpty()
    {
        Assert.Equal("""{"iat":1700000000,"iss":"","sub":"","jti":""}""",
            Sign(Payload.Empty(), new JwtSignOptions { Issuer = "", Subject = "", JwtId = "" }).PayloadJson);
    }

    [Theory]
    [InlineData("exp", "expiresIn", "Bad \"options.expiresIn\" option the payload already has an \"exp\" property.")]
    [InlineData("nbf", "notBefore", "Bad \"options.notBefore\" option the payload already has an \"nbf\" property.")]
    [InlineData("aud", "audience", "Bad \"options.audience\" option. The payload already has an \"aud\" property.")]
    [InlineData("iss", "issuer", "Bad \"options.issuer\" option. The payload already has an \"iss\" property.")]
    [InlineData("sub", "subject", "Bad \"options.subject\" option. The payload already has an \"sub\" property.")]
    [InlineData("jti", "jwtid", "Bad \"options.jwtid\" option. The payload already has an \"jti\" property.")]
    public void ConflictsWithThePayload(string claim, string option, string message)
    {
        object value = claim is "exp" or "nbf" ? 5 : "x";
        var options = JwtSignOptions.FromJson($$"""{"{{option}}": {{(claim is "exp" or "nbf" ? "60" : "\"y\"")}}}""");
        options.TimeProvider = TestClock.Create();
        var e = Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(Payload.Of((claim, value)), SigningKeys.HmacSecret, options));
        Assert.Equal(option, e.Option);
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void NullClaimInThePayloadStillConflicts()
    {
        var e = Assert.Throws<JwtSigningException>(() => Sign(Payload.Of(("aud", null)), new JwtSignOptions { Audience = "y" }));
        Assert.Equal("audience", e.Option);
    }

    [Fact]
    public void OnlyTheFirstConflictIsReported()
    {
        var e = Assert.Throws<JwtSigningException>(() =>
            Sign(Payload.Of(("jti", "x"), ("sub", "x"), ("iss", "x")), new JwtSignOptions { Issuer = "i", Subject = "s", JwtId = "j" }));
        Assert.Equal("issuer", e.Option);
        var exp = Assert.Throws<JwtSigningException>(() =>
            Sign(Payload.Of(("nbf", 1), ("exp", 1)), new JwtSignOptions { NotBefore = JwtDuration.FromSeconds(1), ExpiresIn = JwtDuration.FromSeconds(1) }));
        Assert.Equal("expiresIn", exp.Option);
    }

    [Fact]
    public void ExpConflictComesAfterTheKeyFamilyCheckAndBeforeTheCurveCheck()
    {
        var family = Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(Payload.Of(("exp", 5)), SigningKeys.Rsa2048,
            new JwtSignOptions { Algorithm = JwtAlgorithm.HS256, ExpiresIn = JwtDuration.FromSeconds(60) }));
        Assert.StartsWith("secretOrPrivateKey must be a symmetric key when using HS256", family.Message);

        var conflict = Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(Payload.Of(("exp", 5)), SigningKeys.EcP384,
            new JwtSignOptions { Algorithm = JwtAlgorithm.ES256, ExpiresIn = JwtDuration.FromSeconds(60) }));
        Assert.Equal("expiresIn", conflict.Option);
    }

    [Theory]
    [InlineData("iat", "1")]
    [InlineData("exp", "x")]
    [InlineData("nbf", true)]
    [InlineData("exp", null)]
    public void TimeClaimsInThePayloadMustBeNumbers(string claim, object? value)
    {
        var e = Assert.Throws<JwtSigningException>(() => Sign(Payload.Of((claim, value))));
        Assert.Equal("payload", e.Option);
        Assert.StartsWith($"\"{claim}\" should be a number of seconds", e.Message);
    }

    /// <summary>jsonwebtoken checks iat/exp/nbf in the payload's own key order: the first bad one is reported.</summary>
    [Theory]
    [InlineData("exp", "iat")]
    [InlineData("nbf", "exp")]
    [InlineData("nbf", "iat")]
    [InlineData("iat", "nbf")]
    public void TimeClaimTypeErrorsFollowThePayloadOrder(string first, string second)
    {
        var e = Assert.Throws<JwtSigningException>(() => Sign(Payload.Of(("a", 1), (first, "x"), (second, "y"))));
        Assert.StartsWith($"\"{first}\" should be a number of seconds", e.Message);
    }

    [Fact]
    public void TimeClaimsInAJsonPayloadMustBeNumbers()
    {
        using var doc = JsonDocument.Parse("""{"a":1,"iat":"1700000000"}""");
        var e = Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(doc.RootElement, SigningKeys.HmacSecret, TestSignOptions.Create()));
        Assert.StartsWith("\"iat\" should be a number of seconds", e.Message);
    }

    [Fact]
    public void NumericTimeClaimsOfAnyNumericTypeAreAccepted()
    {
        Assert.Equal("""{"iat":1000,"exp":2000,"nbf":1500}""",
            Sign(Payload.Of(("iat", 1000L), ("exp", 2000m), ("nbf", (short)1500))).PayloadJson);
        using var doc = JsonDocument.Parse("""{"exp":2000}""");
        Assert.Equal("""{"exp":2000,"iat":1700000000}""", new Jwt(JwtSigner.Sign(doc.RootElement, SigningKeys.HmacSecret, TestSignOptions.Create())).PayloadJson);
    }

    [Fact]
    public void OtherRegisteredClaimsAreNotChecked()
    {
        Assert.Equal("""{"aud":5,"iss":{"x":1},"iat":1700000000}""", Sign(Payload.Of(("aud", 5), ("iss", Payload.Of(("x", 1))))).PayloadJson);
    }

    [Fact]
    public void StringPayloadRefusesClaimOptions()
    {
        var e = Assert.Throws<JwtSigningException>(() =>
            JwtSigner.Sign("hello", SigningKeys.HmacSecret, new JwtSignOptions { Audience = "a", ExpiresIn = JwtDuration.FromSeconds(60) }));
        Assert.StartsWith("invalid expiresIn,audience option for string payload", e.Message);

        var all = Assert.Throws<JwtSigningException>(() => JwtSigner.Sign("hello", SigningKeys.HmacSecret, new JwtSignOptions
        {
            JwtId = "j", Subject = "s", Issuer = "i", Audience = "a", NoTimestamp = true, NotBefore = JwtDuration.FromSeconds(1), ExpiresIn = JwtDuration.FromSeconds(1),
        }));
        Assert.StartsWith("invalid expiresIn,notBefore,noTimestamp,audience,issuer,subject,jwtid option for string payload", all.Message);

        // noTimestamp given as false in JSON still counts (jsonwebtoken tests typeof !== 'undefined').
        var falseNoTimestamp = Assert.Throws<JwtSigningException>(() => JwtSigner.Sign("hello", SigningKeys.HmacSecret, JwtSignOptions.FromJson("""{"noTimestamp":false}""")));
        Assert.StartsWith("invalid noTimestamp option for string payload", falseNoTimestamp.Message);
    }

    [Fact]
    public void StringPayloadAllowsTheOtherOptions()
    {
        var jwt = new Jwt(JwtSigner.Sign("hello", SigningKeys.HmacSecret,
            JwtSignOptions.FromJson("""{"algorithm":"HS512","keyid":"k","header":{"x":1},"mutatePayload":true,"encoding":"utf8","allowInsecureKeySizes":true,"allowInvalidAsymmetricKeyTypes":true}""")));
        Assert.Equal("""{"alg":"HS512","kid":"k","x":1}""", jwt.HeaderJson);
        Assert.Equal("hello", jwt.PayloadJson);
    }

    [Fact]
    public void StringPayloadIsSignedAsIsEvenWhenNotJson()
    {
        var jwt = new Jwt(JwtSigner.Sign("{not json", SigningKeys.HmacSecret));
        Assert.Equal("{not json", jwt.PayloadJson);
        Assert.True(jwt.VerifiesWith("secret"u8.ToArray()));
    }

    [Theory]
    [InlineData("123", "number", "123")]
    [InlineData("true", "boolean", "true")]
    public void NumberAndBooleanPayloads(string json, string kind, string signed)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(signed, new Jwt(JwtSigner.Sign(doc.RootElement, SigningKeys.HmacSecret)).PayloadJson);
        var e = Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(doc.RootElement, SigningKeys.HmacSecret, new JwtSignOptions { Subject = "s" }));
        Assert.StartsWith($"invalid subject option for {kind} payload", e.Message);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[1,2]")]
    public void NullAndArrayPayloadsAreRefused(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var e = Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(doc.RootElement, SigningKeys.HmacSecret));
        Assert.Equal("payload", e.Option);
        Assert.StartsWith("Expected \"payload\" to be a plain object.", e.Message);
    }

    [Fact]
    public void DefaultDoesNotMutateThePayload()
    {
        var payload = Payload.Of(("a", 1), ("iat", 0));
        Sign(payload, new JwtSignOptions { ExpiresIn = JwtDuration.FromSeconds(60), Audience = "x", Issuer = "i" });
        Assert.Equal(2, payload.Count);
        Assert.Equal(1, payload["a"]);
        Assert.Equal(0, payload["iat"]);
    }


    [Fact]
    public void MutatePayloadWritesTheClaimsIntoTheCallersDictionary()
    {
        var payload = Payload.Of(("a", 1));
        var jwt = Sign(payload, new JwtSignOptions
        {
            MutatePayload = true,
            ExpiresIn = JwtDuration.FromSeconds(60),
            NotBefore = JwtDuration.Parse("10s"),
            Audience = new[] { "x", "y" },
            Issuer = "i",
            Subject = "s",
            JwtId = "j",
        });
        Assert.Equal(new[] { "a", "iat", "nbf", "exp", "aud", "iss", "sub", "jti" }, payload.Keys.ToArray());
        Assert.Equal(1_700_000_000d, Convert.ToDouble(payload["iat"]));
        Assert.Equal(1_700_000_010d, Convert.ToDouble(payload["nbf"]));
        Assert.Equal(1_700_000_060d, Convert.ToDouble(payload["exp"]));
        Assert.Equal(new object?[] { "x", "y" }, Assert.IsAssignableFrom<IEnumerable<object?>>(payload["aud"]));
        Assert.Equal("i", payload["iss"]);
        Assert.Equal("s", payload["sub"]);
        Assert.Equal("j", payload["jti"]);
        Assert.Equal("""{"a":1,"iat":1700000000,"nbf":1700000010,"exp":1700000060,"aud":["x","y"],"iss":"i","sub":"s","jti":"j"}""", jwt.PayloadJson);
    }

    [Fact]
    public void MutatePayloadWithNoTimestampRemovesIat()
    {
        var payload = Payload.Of(("a", 1), ("iat", 1000));
        var jwt = Sign(payload, new JwtSignOptions { MutatePayload = true, NoTimestamp = true, ExpiresIn = JwtDuration.FromSeconds(5) });
        Assert.False(payload.ContainsKey("iat"));
        Assert.Equal(1005d, Convert.ToDouble(payload["exp"]));
        Assert.Equal("""{"a":1,"exp":1005}""", jwt.PayloadJson);
    }

    [Fact]
    public void MutatePayloadNeedsAWritableDictionary()
    {
        var readOnly = new ReadOnlyDictionary<string, object?>(Payload.Of(("a", 1)));
        var e = Assert.Throws<JwtSigningException>(() => Sign(readOnly, new JwtSignOptions { MutatePayload = true }));
        Assert.Equal("mutatePayload", e.Option);
        Assert.NotEmpty(e.Message);
        // Without mutatePayload a read-only dictionary is fine.
        Assert.Equal("""{"a":1,"iat":1700000000}""", Sign(readOnly).PayloadJson);
    }

    [Fact]
    public void UnicodeClaimNamesAndValues()
    {
        var payload = Payload.Of(("名前", "clé 🔑 ünïcødé ✓"), ("emoji😀", new[] { "ü", "ß" }), ("rtl", "مرحبا"));
        var jwt = Sign(payload, new JwtSignOptions { Subject = "użytkownik", Audience = "ñ" });
        var decoded = jwt.Payload;
        Assert.Equal("clé 🔑 ünïcødé ✓", decoded.GetProperty("名前").GetString());
        Assert.Equal("ß", decoded.GetProperty("emoji😀")[1].GetString());
        Assert.Equal("مرحبا", decoded.GetProperty("rtl").GetString());
        Assert.Equal("użytkownik", decoded.GetProperty("sub").GetString());
        Assert.Equal("ñ", decoded.GetProperty("aud").GetString());
        Assert.True(jwt.VerifiesWith("secret"u8.ToArray()));
    }

    [Fact]
    public void ClaimValueTypes()
    {
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var payload = Payload.Of(
            ("s", "x"), ("b", true), ("n", null), ("i", int.MinValue), ("l", long.MaxValue), ("d", 2.5), ("m", 1.25m),
            ("g", guid), ("t", DateTimeOffset.FromUnixTimeSeconds(1_600_000_000)),
            ("list", new List<object?> { 1, "a", null }), ("obj", Payload.Of(("k", Payload.Of(("deep", 1))))),
            ("map", new Dictionary<string, string?> { ["x"] = "y" }));
        var jwt = Sign(payload);
        Assert.Equal(
            """{"s":"x","b":true,"n":null,"i":-2147483648,"l":9223372036854775807,"d":2.5,"m":1.25,"g":"0f8fad5b-d9cb-469f-a165-70867728950e","t":1600000000,"list":[1,"a",null],"obj":{"k":{"deep":1}},"map":{"x":"y"},"iat":1700000000}""",
            jwt.PayloadJson);
    }

    [Fact]
    public void UnsupportedClaimValueIsAPayloadError()
    {
        var e = Assert.Throws<JwtSigningException>(() => Sign(Payload.Of(("x", new object()))));
        Assert.Equal("payload", e.Option);
        Assert.Contains("\"x\"", e.Message);
    }

    [Fact]
    public void SelfReferenceIsRefusedNotAStackOverflow()
    {
        var loop = new Dictionary<string, object?>();
        loop["self"] = loop;
        var e = Assert.Throws<JwtSigningException>(() => Sign(Payload.Of(("loop", loop))));
        Assert.Equal("payload", e.Option);
    }
}
