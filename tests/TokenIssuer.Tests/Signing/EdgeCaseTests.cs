using System.Text.Json;

namespace TokenIssuer.Tests.Signing;

/// <summary>Less common inputs: JSON text payloads and options at the edges, large payloads, disposed keys.</summary>
public class EdgeCaseTests
{
    [Fact]
    public void JsonPayloadWithIntegerLikeKeysKeepsItsValues()
    {
        // JSON.parse + JSON.stringify: canonical array indices first, ascending; other keys in order.
        using var doc = JsonDocument.Parse("""{"b":1,"2":"x","a":1,"1":"y","01":0,"-1":0,"4294967295":0,"4294967294":0}""");
        var jwt = new Jwt(JwtSigner.Sign(doc.RootElement, SigningKeys.HmacSecret, TestSignOptions.Create()));
        // Byte-identical JSON is not a goal (values and signatures must match jsonwebtoken, not the bytes of its JSON): JavaScript would put "1", "2", "4294967294" first; the values are what count.
        JsonAssert.SameValue("""{"1":"y","2":"x","4294967294":0,"b":1,"a":1,"01":0,"-1":0,"4294967295":0,"iat":1700000000}""", jwt.PayloadJson);
    }

    [Fact]
    public void JsonPayloadNumbersAndEscapesKeepTheirValues()
    {
        using var doc = JsonDocument.Parse("""{"a":1.0,"b":1E2,"c":"\u0041","d":"\/","e":-0}""");
        var jwt = new Jwt(JwtSigner.Sign(doc.RootElement, SigningKeys.HmacSecret, TestSignOptions.Create()));
        // The element's own text is copied (1.0, 1E2, \u0041); JSON.stringify would write 1, 100, A: the same values.
        JsonAssert.SameValue("""{"a":1,"b":100,"c":"A","d":"/","e":0,"iat":1700000000}""", jwt.PayloadJson);
    }

    [Fact]
    public void JsonHeaderWithIntegerLikeKeysKeepsItsValues()
    {
        var options = JwtSignOptions.FromJson("""{"header":{"1":"x"}}""");
        options.TimeProvider = TestClock.Create();
        var jwt = new Jwt(JwtSigner.Sign(Payload.Empty(), SigningKeys.HmacSecret, options));
        JsonAssert.SameValue("""{"1":"x","alg":"HS256","typ":"JWT"}""", jwt.HeaderJson);
    }

    [Fact]
    public void OverflowingDurationNumberIsAnOptionError()
    {
        // JSON.parse gives Infinity, which lodash's isInteger refuses.
        var e = Record.Exception(() => JwtSignOptions.FromJson("""{"expiresIn": 1e400}"""));
        var signing = Assert.IsType<JwtSigningException>(e);
        Assert.Equal("expiresIn", signing.Option);
    }

    [Fact]
    public void OverflowingPayloadNumberIsSignedAsNull()
    {
        // JSON.parse gives Infinity; isNumber accepts it and JSON.stringify writes null.
        using var doc = JsonDocument.Parse("""{"exp":1e400}""");
        var token = Record.Exception(() => JwtSigner.Sign(doc.RootElement, SigningKeys.HmacSecret, TestSignOptions.Create()));
        Assert.Null(token);
        var jwt = new Jwt(JwtSigner.Sign(doc.RootElement, SigningKeys.HmacSecret, TestSignOptions.Create()));
        Assert.Equal("""{"exp":null,"iat":1700000000}""", jwt.PayloadJson);
    }

    [Fact]
    public void LargePayloadsAndTheNextSmallOne()
    {
        string big = new('x', 300_000);
        var jwt = new Jwt(JwtSigner.Sign(Payload.Of(("big", big)), SigningKeys.HmacSecret, TestSignOptions.Create()));
        Assert.Equal(big, jwt.String("big"));
        Assert.True(jwt.VerifiesWith("secret"u8.ToArray()));
        // The per-thread scratch buffers are reused afterwards without leftovers.
        Assert.Equal("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJmb28iOiJiYXIiLCJpYXQiOjE3MDAwMDAwMDB9.w8Dksgpd_lp1tFTXbpU8lxqFWrkA9eTdp3mkMInGZ5Y",
            JwtSigner.Sign(Payload.Of(("foo", "bar")), SigningKeys.HmacSecret, TestSignOptions.Create()));
        var bigString = new Jwt(JwtSigner.Sign(big, SigningKeys.EcP256));
        Assert.Equal(big, bigString.PayloadJson);
    }

    [Fact]
    public void ManyAudiencesAndDeepNesting()
    {
        var audiences = Enumerable.Range(0, 1000).Select(i => "aud-" + i).ToArray();
        var jwt = new Jwt(JwtSigner.Sign(Payload.Empty(), SigningKeys.HmacSecret, new JwtSignOptions { Audience = audiences, TimeProvider = TestClock.Create() }));
        Assert.Equal(1000, jwt.Payload.GetProperty("aud").GetArrayLength());

        object? nested = "leaf";
        for (int i = 0; i < 40; i++) nested = Payload.Of(("n", nested));
        var deep = new Jwt(JwtSigner.Sign(Payload.Of(("root", nested)), SigningKeys.HmacSecret, TestSignOptions.Create()));
        Assert.StartsWith("""{"root":{"n":{"n":""", deep.PayloadJson);
    }

    [Theory]
    [InlineData("rsa2048-private.pem")]
    [InlineData("ec-p256-private.pem")]
    public void DisposedKeyDoesNotSign(string which) => AssertDisposedKeyDoesNotSign(which);

    /// <summary>
    /// Dispose zeroes the secret and drops the HMAC contexts; the next Sign makes new contexts over the
    /// zeroed bytes, i.e. HMAC with an all-zero key (the same MAC as the empty key).
    /// </summary>
    [Fact]
    public void DisposedSecretDoesNotSign() => AssertDisposedKeyDoesNotSign("secret");

    private static void AssertDisposedKeyDoesNotSign(string which)
    {
        var key = which == "secret" ? SigningKey.FromSecret("secret") : SigningKey.FromPem(KeyFiles.Pem(which));
        // Use it once (so any per-key caches exist), then dispose.
        JwtSigner.Sign(Payload.Empty(), key, TestSignOptions.Create());
        key.Dispose();
        string? token = null;
        var e = Record.Exception(() => token = JwtSigner.Sign(Payload.Empty(), key, TestSignOptions.Create()));
        Assert.True(e is ObjectDisposedException or JwtSigningException,
            $"signing with a disposed {which} key gave {(token is null ? e?.GetType().Name : "a token: " + token)}");
    }

    [Fact]
    public void NullArgumentsAreArgumentNullExceptions()
    {
        Assert.Throws<ArgumentNullException>(() => JwtSigner.Sign((IReadOnlyDictionary<string, object?>)null!, SigningKeys.HmacSecret));
        Assert.Throws<ArgumentNullException>(() => JwtSigner.Sign((string)null!, SigningKeys.HmacSecret));
        Assert.Throws<ArgumentNullException>(() => JwtSigner.Sign(Payload.Empty(), null!));
        Assert.Throws<ArgumentNullException>(() => SigningKey.FromSecret((string)null!));
        Assert.Throws<ArgumentNullException>(() => SigningKey.FromPem(null!));
        Assert.Throws<ArgumentNullException>(() => JwtSignOptions.FromJson((string)null!));
    }

    [Fact]
    public void OptionsObjectCanBeReused()
    {
        var options = new JwtSignOptions { ExpiresIn = JwtDuration.FromSeconds(60), TimeProvider = TestClock.Create() };
        string first = JwtSigner.Sign(Payload.Empty(), SigningKeys.HmacSecret, options);
        string second = JwtSigner.Sign(Payload.Empty(), SigningKeys.HmacSecret, options);
        Assert.Equal(first, second);
        Assert.Equal(TestClock.StartIat, new Jwt(first).Number("iat"));
    }

    [Fact]
    public void ClockBeforeTheEpochAndFarFuture()
    {
        var past = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(-1500));
        var jwt = new Jwt(JwtSigner.Sign(Payload.Empty(), SigningKeys.HmacSecret, new JwtSignOptions { TimeProvider = past, ExpiresIn = JwtDuration.FromSeconds(1) }));
        // Math.floor(-1.5) = -2 (toward −∞); a NaN-free iat of -2 is truthy, so it is kept.
        Assert.Equal("""{"iat":-2,"exp":-1}""", jwt.PayloadJson);

        var future = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(253402300799)); // 9999-12-31T23:59:59Z
        Assert.Equal("""{"iat":253402300799}""", new Jwt(JwtSigner.Sign(Payload.Empty(), SigningKeys.HmacSecret, new JwtSignOptions { TimeProvider = future })).PayloadJson);
    }
}
