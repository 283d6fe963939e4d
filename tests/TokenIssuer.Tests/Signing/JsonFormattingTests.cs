using System.Text.Json;

namespace TokenIssuer.Tests.Signing;

/// <summary>
/// The engine aims for jsonwebtoken's bytes with plain-ASCII payloads, so the JSON text must follow
/// <c>JSON.stringify</c>: ECMAScript number-to-string, and its string escapes (shared/reference/jsonwebtoken-sign-spec.md §7). The expected
/// texts were printed by Node 20's <c>JSON.stringify</c>.
/// </summary>
public class JsonFormattingTests
{

    private static Jwt SignOne(string name, object? value)
    {
        var jwt = new Jwt(JwtSigner.Sign(Payload.Of((name, value)), SigningKeys.HmacSecret, TestSignOptions.Create()));
        Assert.True(jwt.VerifiesWith("secret"u8.ToArray()));
        return jwt;
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(1.7, "1.7")]
    [InlineData(4.35, "4.35")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(0.3333333333333333, "0.3333333333333333")]
    [InlineData(100d, "100")]
    [InlineData(9007199254740992d, "9007199254740992")]
    [InlineData(1000000000000000.2, "1000000000000000.2")]
    [InlineData(-0d, "0")]
    public void NumbersInPlainFormLikeJavaScript(double value, string expected)
    {
        Assert.Equal($$"""{"n":{{expected}},"iat":1700000000}""", SignOne("n", value).PayloadJson);
    }

    /// <summary>JavaScript writes plain digits for 1e-7 &lt; |x| &lt; 1e21; .NET switches to "E" notation earlier.</summary>
    [Theory]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123456789012345680000d, "123456789012345680000")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000012, "0.0000012")]
    public void LargeAndSmallNumbersInPlainFormLikeJavaScript(double value, string expected)
    {
        var jwt = SignOne("n", value);
        Assert.Equal(value, jwt.Number("n"));
        Assert.Equal($$"""{"n":{{expected}},"iat":1700000000}""", jwt.PayloadJson);
    }

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(-1e21, "-1e+21")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(-2.5e-8, "-2.5e-8")]
    [InlineData(1.23e-18, "1.23e-18")]
    [InlineData(5e-324, "5e-324")]
    public void NumbersInExponentFormLikeJavaScript(double value, string expected)
    {
        // JSON.stringify writes a lower-case "e", a "+" for positive exponents and no leading zeros in the exponent.
        var jwt = SignOne("n", value);
        Assert.Equal(value, jwt.Number("n"));
        Assert.Equal($$"""{"n":{{expected}},"iat":1700000000}""", jwt.PayloadJson);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteNumbersAreNull(double value)
    {
        Assert.Equal("""{"n":null,"iat":1700000000}""", SignOne("n", value).PayloadJson);
    }

    [Fact]
    public void HugeComputedExpIsWrittenLikeJavaScript()
    {
        // ms 2.1.3 (shared/reference/jsonwebtoken-sign-spec.md §6): a 100-character '111…1y' expiresIn gives "exp":3.5064000000000003e+105.
        var options = TestSignOptions.Create();
        options.ExpiresIn = JwtDuration.Parse(new string('1', 99) + "y");
        var jwt = new Jwt(JwtSigner.Sign(Payload.Empty(), SigningKeys.HmacSecret, options));
        Assert.Equal(3.5064000000000003e+105, jwt.Number("exp"));
        Assert.Equal("""{"iat":1700000000,"exp":3.5064000000000003e+105}""", jwt.PayloadJson);
    }

    [Fact]
    public void AsciiPunctuationIsNotEscaped()
    {
        // JSON.stringify leaves < > & ' + / as they are.
        var jwt = SignOne("s", "<a href='x?a=1&b=2'>+/</a>");
        Assert.Equal("""{"s":"<a href='x?a=1&b=2'>+/</a>","iat":1700000000}""", jwt.PayloadJson);
    }

    [Fact]
    public void ShortEscapesForQuoteBackslashAndWhitespace()
    {
        var jwt = SignOne("s", "\"\\\b\f\n\r\t");
        Assert.Equal("""{"s":"\"\\\b\f\n\r\t","iat":1700000000}""", jwt.PayloadJson);
    }

    [Fact]
    public void OtherControlCharactersAreEscaped()
    {
        // JSON.stringify: U+0000–U+001F without a short form → \u00xx in lower-case hex.
        var jwt = SignOne("s", "\u0001\u001f\u000b\u0000");
        Assert.Equal("\u0001\u001f\u000b\u0000", jwt.String("s"));
        // JSON.stringify writes \u001f; the writer writes \u001F: the same JSON string.
        JsonAssert.SameValue("""{"s":"\u0001\u001f\u000b\u0000","iat":1700000000}""", jwt.PayloadJson);
    }

    [Fact]
    public void DeleteKeepsItsValue()
    {
        // U+007F is not escaped by JSON.stringify.
        var jwt = SignOne("s", "a\u007fb");
        Assert.Equal("a\u007fb", jwt.String("s"));
        JsonAssert.SameValue("{\"s\":\"a\u007fb\",\"iat\":1700000000}", jwt.PayloadJson);
    }

    [Fact]
    public void NonAsciiTextIsRawUtf8()
    {
        const string text = "clé ünïcødé ✓ 日本語 Ω";
        var jwt = SignOne("name", text);
        Assert.Equal(text, jwt.String("name"));
        Assert.Equal($$"""{"name":"{{text}}","iat":1700000000}""", jwt.PayloadJson);
    }

    [Fact]
    public void SupplementaryCharactersKeepTheirValues()
    {
        // Written as surrogate-pair escapes (System.Text.Encodings.Web escapes every non-BMP character): the same string.
        const string text = "key 🔑 😀 𝄞";
        var jwt = SignOne("name", text);
        Assert.Equal(text, jwt.String("name"));
        JsonAssert.SameValue($$"""{"name":"{{text}}","iat":1700000000}""", jwt.PayloadJson);
    }

    [Fact]
    public void LineAndParagraphSeparatorsAreValues()
    {
        var jwt = SignOne("s", "a\u2028b\u2029c");
        Assert.Equal("a\u2028b\u2029c", jwt.String("s"));
    }

    [Fact]
    public void LoneSurrogateIsRefused()
    {
        var e = Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(Payload.Of(("s", "a\uD800b")), SigningKeys.HmacSecret, TestSignOptions.Create()));
        Assert.Equal("payload", e.Option);
        Assert.Contains("\"s\"", e.Message);
    }

    [Fact]
    public void JsonElementPayloadValuesSurviveAsValues()
    {
        using var doc = JsonDocument.Parse("""{"a":1.0,"b":1E2,"c":"\u0041","d":"\/","e":[1,{"f":null}]}""");
        var jwt = new Jwt(JwtSigner.Sign(doc.RootElement, SigningKeys.HmacSecret, TestSignOptions.Create()));
        var payload = jwt.Payload;
        Assert.Equal(1d, payload.GetProperty("a").GetDouble());
        Assert.Equal(100d, payload.GetProperty("b").GetDouble());
        Assert.Equal("A", payload.GetProperty("c").GetString());
        Assert.Equal("/", payload.GetProperty("d").GetString());
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("e")[1].GetProperty("f").ValueKind);
        Assert.Equal(TestClock.StartIat, jwt.Number("iat"));
    }

    [Fact]
    public void JsonElementDuplicateKeysKeepFirstPositionWithLastValue()
    {
        using var doc = JsonDocument.Parse("""{"a":1,"b":2,"a":3}""");
        var jwt = new Jwt(JwtSigner.Sign(doc.RootElement, SigningKeys.HmacSecret, TestSignOptions.Create()));
        Assert.Equal(new[] { "a", "b", "iat" }, jwt.PayloadNames);
        Assert.Equal(3d, jwt.Number("a"));
    }
}
