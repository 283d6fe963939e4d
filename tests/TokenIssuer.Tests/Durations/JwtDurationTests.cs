namespace TokenIssuer.Tests.Durations;

/// <summary><see cref="JwtDuration"/>: jsonwebtoken's arithmetic on top of the ms grammar (shared/reference/jsonwebtoken-sign-spec.md §4.3 and §6).</summary>
public class JwtDurationTests
{
    private const double Iat = TestClock.StartIat;

    /// <summary>exp = floor(iat + ms/1000), floored toward −∞ after adding.</summary>
    [Theory]
    [InlineData("999ms", 0)]
    [InlineData("1000ms", 1)]
    [InlineData("1500ms", 1)]
    [InlineData("-1ms", -1)]
    [InlineData("-999ms", -1)]
    [InlineData("-1000ms", -1)]
    [InlineData("-1001ms", -2)]
    [InlineData("0.5y", 15_778_800)]
    [InlineData("1.5w", 907_200)]
    [InlineData("120", 0)]
    [InlineData("60", 0)]
    [InlineData("-1.5s", -2)]
    [InlineData("1.1h", 3960)]
    [InlineData("2 days", 172_800)]
    [InlineData("1.5h", 5400)]
    [InlineData("-3 days", -259_200)]
    [InlineData("10 H", 36_000)]
    [InlineData("1y", 31_557_600)]
    [InlineData("1  h", 3600)]
    public void StringDurationsAreFlooredAfterAdding(string text, double expectedOffset)
    {
        Assert.True(JwtDuration.TryParse(text, out var duration));
        Assert.Equal(Iat + expectedOffset, duration.AddTo(Iat));
    }

    [Fact]
    public void OnePointOneHourGivesTheSpecExp()
    {
        Assert.Equal(1_700_003_960d, JwtDuration.Parse("1.1h").AddTo(Iat));
    }

    [Fact]
    public void NumericSecondsAreAddedWithoutFlooring()
    {
        Assert.Equal(61.7, JwtDuration.FromSeconds(60).AddTo(1.7));
        Assert.Equal(Iat - 10, JwtDuration.FromSeconds(-10).AddTo(Iat));
        Assert.Equal(Iat + 60, JwtDuration.FromSeconds(60d).AddTo(Iat));
        Assert.Equal(1e21 + Iat, JwtDuration.FromSeconds(1e21).AddTo(Iat));
    }

    [Fact]
    public void StringDurationWithFractionalIatIsFloored()
    {
        // {iat: 1.7} + expiresIn '60s' → exp 61 (spec row 36).
        Assert.Equal(61d, JwtDuration.Parse("60s").AddTo(1.7));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-0.25)]
    public void FromSecondsRefusesWhatLodashIsIntegerRefuses(double seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JwtDuration.FromSeconds(seconds));
    }

    [Fact]
    public void TimeSpanCountsLikeADurationString()
    {
        JwtDuration duration = TimeSpan.FromMilliseconds(1500);
        Assert.Equal(1001d, duration.AddTo(1000));
        Assert.Equal(JwtDuration.Parse("1500ms"), duration);
        Assert.Equal(-2d, JwtDuration.FromTimeSpan(TimeSpan.FromMilliseconds(-1001)).AddTo(0));
    }

    [Fact]
    public void TotalSeconds()
    {
        Assert.Equal(5400d, JwtDuration.Parse("1.5h").TotalSeconds);
        Assert.Equal(0.12, JwtDuration.Parse("120").TotalSeconds);
        Assert.Equal(60d, JwtDuration.FromSeconds(60).TotalSeconds);
    }

    [Fact]
    public void ParseThrowsFormatExceptionOnBadText()
    {
        var e = Assert.Throws<FormatException>(() => JwtDuration.Parse("1e3"));
        Assert.Contains("1e3", e.Message);
    }

    [Theory]
    [InlineData("300", 1300)]
    [InlineData("5m", 1300)]
    [InlineData("300s", 1300)]
    [InlineData("1500ms", 1001)]
    public void ProfileValuesTreatUnitLessAsSeconds(string text, double expected)
    {
        Assert.True(JwtDuration.TryParseProfileValue(text, out var duration));
        Assert.Equal(expected, duration.AddTo(1000));
    }

    [Fact]
    public void ProfileValueRejectsBadText()
    {
        Assert.False(JwtDuration.TryParseProfileValue("abc", out _));
        Assert.False(JwtDuration.TryParseProfileValue(" 5m", out _));
    }

    /// <summary>The ms answers (shared/reference/jsonwebtoken-sign-spec.md §6.1) through the signer: expiresIn as a string, iat = 1700000000.</summary>
    [Theory]
    [InlineData("120", 1_700_000_000d)]
    [InlineData("2 days", 1_700_172_800d)]
    [InlineData("1.5h", 1_700_005_400d)]
    [InlineData("-3 days", 1_699_740_800d)]
    [InlineData("10 H", 1_700_036_000d)]
    [InlineData("1.1h", 1_700_003_960d)]
    [InlineData("999ms", 1_700_000_000d)]
    [InlineData("-1ms", 1_699_999_999d)]
    [InlineData("-1001ms", 1_699_999_998d)]
    public void ExpiresInStringThroughTheSigner(string expiresIn, double expectedExp)
    {
        var options = JwtSignOptions.FromJson($$"""{"expiresIn": "{{expiresIn}}"}""");
        options.TimeProvider = TestClock.Create();
        var jwt = new Jwt(JwtSigner.Sign(Payload.Empty(), SigningKeys.HmacSecret, options));
        Assert.Equal(TestClock.StartIat, jwt.Number("iat"));
        Assert.Equal(expectedExp, jwt.Number("exp"));
    }

    [Theory]
    [InlineData(" 10h")]
    [InlineData("1e3")]
    [InlineData("abc")]
    [InlineData("10h ")]
    public void BadExpiresInStringsAreTheLongEgError(string expiresIn)
    {
        var e = Assert.Throws<JwtSigningException>(() => JwtSignOptions.FromJson($$"""{"expiresIn": "{{expiresIn}}"}"""));
        Assert.Equal("expiresIn", e.Option);
        Assert.StartsWith("\"expiresIn\" should be a number of seconds or string representing a timespan eg: \"1d\", \"20h\", 60", e.Message);
    }

    [Fact]
    public void HugeDurationsAreNotCapped()
    {
        // A 100-character '111…1y' gives "exp": 3.5064000000000003e+105 in jsonwebtoken.
        var duration = JwtDuration.Parse(new string('1', 99) + "y");
        Assert.Equal(3.5064000000000003e+105, duration.AddTo(Iat));
    }
}
