using System.Globalization;

namespace TokenIssuer.Tests.Durations;

/// <summary>
/// Durations, options and numbers in tokens must not depend on the current culture: de-DE and fr-FR
/// write a decimal comma, ar-SA and fa-IR have their own digits and signs, tr-TR lower-cases 'I' to 'ı'.
/// </summary>
[Collection(CultureCollection.Name)]
public class CultureInvarianceTests
{
    public static TheoryData<string> Cultures => new() { "de-DE", "fr-FR", "ar-SA", "tr-TR", "fa-IR" };

    private static void InCulture(string name, Action action)
    {
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void ParserIsCultureInvariant(string culture) => InCulture(culture, () =>
    {
        Assert.NotEqual(CultureInfo.InvariantCulture.Name, CultureInfo.CurrentCulture.Name);
        Assert.Equal(5_400_000d, DurationParser.ParseMilliseconds("1.5h"));
        Assert.Equal(-500d, DurationParser.ParseMilliseconds("-.5s"));
        Assert.Equal(15_778_800_000d, DurationParser.ParseMilliseconds(".5y"));
        Assert.Equal(36_000_000d, DurationParser.ParseMilliseconds("10 H"));
        Assert.Equal(60_000d, DurationParser.ParseMilliseconds("1 MIN")); // tr-TR: "MIN".ToLower() is "mın"
        Assert.Equal(31_557_600_000d, DurationParser.ParseMilliseconds("1 YEAR"));
        Assert.Equal(1.5, DurationParser.ParseMilliseconds("1.5"));
        Assert.Null(DurationParser.ParseMilliseconds("1,5"));
        Assert.Null(DurationParser.ParseMilliseconds("1,5h"));
        Assert.Null(DurationParser.ParseMilliseconds("1 m\u0130n"));
        Assert.Null(DurationParser.ParseMilliseconds("\u0661h"));
        Assert.Null(DurationParser.ParseMilliseconds("\u06F1h")); // Persian digit one
        Assert.Null(DurationParser.ParseMilliseconds("\u200F-1h")); // right-to-left mark before the sign
        Assert.True(DurationParser.TryParseProfileDuration("1.5", out double profile, out _));
        Assert.Equal(1500d, profile);
    });

    [Theory]
    [MemberData(nameof(Cultures))]
    public void DurationToStringIsInvariant(string culture) => InCulture(culture, () =>
    {
        Assert.Equal("0.5ms", JwtDuration.Parse(".5ms").ToString());
        Assert.Equal("5400000ms", JwtDuration.Parse("1.5h").ToString());
        Assert.Equal("-60s", JwtDuration.FromSeconds(-60).ToString());
    });

    [Theory]
    [MemberData(nameof(Cultures))]
    public void SignedNumbersAreCultureInvariant(string culture) => InCulture(culture, () =>
    {
        var options = JwtSignOptions.FromJson("""{"expiresIn": "1.5h", "notBefore": 60}""");
        options.TimeProvider = TestClock.Create();
        var jwt = new Jwt(JwtSigner.Sign(Payload.Of(("a", 1.25)), SigningKeys.HmacSecret, options));
        Assert.Equal("""{"a":1.25,"iat":1700000000,"nbf":1700000060,"exp":1700005400}""", jwt.PayloadJson);

        var fractional = new Jwt(JwtSigner.Sign(Payload.Of(("iat", 1.7)),
            SigningKeys.HmacSecret, new JwtSignOptions { ExpiresIn = JwtDuration.FromSeconds(60), TimeProvider = TestClock.Create() }));
        Assert.Equal("""{"iat":1.7,"exp":61.7}""", fractional.PayloadJson);
    });

    [Theory]
    [MemberData(nameof(Cultures))]
    public void ByteExactVectorUnderCulture(string culture) => InCulture(culture, () =>
    {
        // shared/reference/jsonwebtoken-sign-spec.md §11.1, row 13: {} + expiresIn '1.5h'.
        var options = JwtSignOptions.FromJson("""{"expiresIn": "1.5h"}""");
        options.TimeProvider = TestClock.Create();
        Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwNTQwMH0.Tm4bI46rrZI1HkRe8o8IfGuW_maI0AmE7CsT0hSX6hE",
            JwtSigner.Sign(Payload.Empty(), SigningKeys.HmacSecret, options));
    });

    [Theory]
    [MemberData(nameof(Cultures))]
    public void OptionNamesAndAlgorithmNamesAreNotCultureFolded(string culture) => InCulture(culture, () =>
    {
        // tr-TR would map "I" to "ı" with culture-sensitive lower-casing.
        var e = Assert.Throws<JwtSigningException>(() => JwtSignOptions.FromJson("""{"ISSUER": "x"}"""));
        Assert.Equal("ISSUER", e.Option);
        Assert.Contains("\"issuer\"", e.Message);
        var alg = Assert.Throws<JwtSigningException>(() => JwtSignOptions.FromJson("""{"algorithm": "hs256"}"""));
        Assert.Contains("HS256", alg.Message);
    });
}

/// <summary>Tests that change <see cref="CultureInfo.CurrentCulture"/> run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class CultureCollection
{
    public const string Name = "culture";
}
