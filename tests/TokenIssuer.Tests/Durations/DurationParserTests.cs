namespace TokenIssuer.Tests.Durations;

/// <summary>The ms 2.1.3 grammar (shared/reference/jsonwebtoken-sign-spec.md §6) as <see cref="DurationParser"/> implements it.</summary>
public class DurationParserTests
{
    private const double Second = 1000, Minute = 60_000, Hour = 3_600_000, Day = 86_400_000, Week = 604_800_000, Year = 31_557_600_000;

    [Theory]
    [InlineData("1ms", 1)]
    [InlineData("1 ms", 1)]
    [InlineData("1msec", 1)]
    [InlineData("2msecs", 2)]
    [InlineData("1millisecond", 1)]
    [InlineData("3 milliseconds", 3)]
    [InlineData("1s", Second)]
    [InlineData("1sec", Second)]
    [InlineData("2 secs", 2 * Second)]
    [InlineData("1second", Second)]
    [InlineData("2seconds", 2 * Second)]
    [InlineData("1m", Minute)]
    [InlineData("1min", Minute)]
    [InlineData("2mins", 2 * Minute)]
    [InlineData("1 minute", Minute)]
    [InlineData("2minutes", 2 * Minute)]
    [InlineData("1h", Hour)]
    [InlineData("1hr", Hour)]
    [InlineData("2hrs", 2 * Hour)]
    [InlineData("1hour", Hour)]
    [InlineData("2 hours", 2 * Hour)]
    [InlineData("1d", Day)]
    [InlineData("1day", Day)]
    [InlineData("2 days", 2 * Day)]
    [InlineData("1w", Week)]
    [InlineData("1week", Week)]
    [InlineData("2weeks", 2 * Week)]
    [InlineData("1y", Year)]
    [InlineData("1yr", Year)]
    [InlineData("2yrs", 2 * Year)]
    [InlineData("1year", Year)]
    [InlineData("2 years", 2 * Year)]
    public void EveryUnitAndAlias(string text, double expected)
    {
        Assert.True(DurationParser.TryParseMilliseconds(text, out double ms, out bool hasUnit));
        Assert.Equal(expected, ms);
        Assert.True(hasUnit);
        Assert.True(JwtDuration.TryParse(text, out var duration));
        Assert.Equal(expected / 1000, duration.TotalSeconds);
        Assert.Equal(Math.Floor(1_700_000_000 + expected / 1000), duration.AddTo(1_700_000_000));
    }

    [Theory]
    [InlineData("10 H", 10 * Hour)]
    [InlineData("1 YEAR", Year)]
    [InlineData("1M", Minute)] // minute, not month
    [InlineData("1 mSeC", 1)]
    [InlineData("2 DAYS", 2 * Day)]
    [InlineData("3Hrs", 3 * Hour)]
    [InlineData("1MS", 1)]
    [InlineData("1 Weeks", Week)]
    public void UnitsAreCaseInsensitive(string text, double expected)
    {
        Assert.True(DurationParser.TryParseMilliseconds(text, out double ms, out _));
        Assert.Equal(expected, ms);
    }

    [Theory]
    [InlineData("1.5h", 5_400_000)]
    [InlineData(".5y", 15_778_800_000)]
    [InlineData("0.5y", 15_778_800_000)]
    [InlineData("1.5w", 907_200_000)]
    [InlineData("00001ms", 1)]
    [InlineData("2.25 d", 194_400_000)]
    [InlineData("-3 days", -259_200_000)]
    [InlineData("-.5s", -500)]
    [InlineData("-1.5s", -1500)]
    [InlineData("-1h", -Hour)]
    [InlineData("1  h", Hour)]
    [InlineData("1     ms", 1)]
    [InlineData("2 days", 172_800_000)]
    public void DecimalsNegativesAndSpaces(string text, double expected)
    {
        Assert.True(DurationParser.TryParseMilliseconds(text, out double ms, out bool hasUnit));
        Assert.Equal(expected, ms);
        Assert.True(hasUnit);
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData("60", 60)]
    [InlineData("1.5", 1.5)]
    [InlineData("-7", -7)]
    [InlineData(".25", 0.25)]
    [InlineData("00001", 1)]
    [InlineData("1 ", 1)] // ms's regex: ' *' then an optional unit then the end
    [InlineData("1.5   ", 1.5)]
    public void NoUnitMeansMilliseconds(string text, double expected)
    {
        Assert.True(DurationParser.TryParseMilliseconds(text, out double ms, out bool hasUnit));
        Assert.Equal(expected, ms);
        Assert.False(hasUnit);
        Assert.Equal(expected, DurationParser.ParseMilliseconds(text));
    }

    [Fact]
    public void MinusZeroIsNegativeZero()
    {
        Assert.True(DurationParser.TryParseMilliseconds("-0", out double ms, out _));
        Assert.True(double.IsNegative(ms));
        Assert.Equal(0d, ms);
    }

    [Fact]
    public void ResultsAreIeeeDoublesLikeJavaScript()
    {
        // ms('1.1h') = 3960000.0000000005 in JavaScript: 1.1 * 3600000 in double arithmetic.
        Assert.True(DurationParser.TryParseMilliseconds("1.1h", out double ms, out _));
        Assert.Equal(1.1 * 3_600_000d, ms);
        Assert.Equal(3_960_000.0000000005, ms);
        Assert.NotEqual(3_960_000d, ms);
    }

    public static TheoryData<string> Rejected => new()
    {
        " 10h", "10h ", "10h\n", "\n10h", "1e3", "abc", "+1", "1.", ".", "-", "--1", "1.5.5", "1,5", "2d 3h", "1 mo",
        "1\th", "1\u00A0h", "\uFF11h", "\u0661h", "1\u017F", "1 m\u0130n", "1 m\u0131n", "1\u212Am", "1_000", "0x10", "Infinity",
        "NaN", "1 wk", "h", "ms", "1hh", "1 h s", "1-", "- 1", "1 -h", "1.5.h", "1h1", "\u0661", "1 \u2009h", "1\u3000h",
        "1 hour\u0000", "١٢٠", new string('1', 101), new string('1', 100) + "s",
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void RejectsWhatMsRejects(string text)
    {
        Assert.False(DurationParser.TryParseMilliseconds(text, out _, out _), $"\"{text}\" should be rejected");
        Assert.Null(DurationParser.ParseMilliseconds(text));
        Assert.False(JwtDuration.TryParse(text, out _));
    }

    [Fact]
    public void RejectsNullAndEmpty()
    {
        Assert.False(DurationParser.TryParseMilliseconds(null, out _, out _));
        Assert.False(DurationParser.TryParseMilliseconds("", out _, out _));
        Assert.False(JwtDuration.TryParse(null, out _));
    }

    [Fact]
    public void LengthLimitIsOneHundredUtf16CodeUnits()
    {
        string hundredDigits = new('1', 100);
        Assert.True(DurationParser.TryParseMilliseconds(hundredDigits, out double ms, out bool hasUnit));
        Assert.False(hasUnit);
        Assert.Equal(double.Parse(hundredDigits, System.Globalization.CultureInfo.InvariantCulture), ms);

        string ninetyNineAndUnit = new string('1', 99) + "y";
        Assert.Equal(100, ninetyNineAndUnit.Length);
        Assert.True(DurationParser.TryParseMilliseconds(ninetyNineAndUnit, out double years, out _));
        Assert.Equal(double.Parse(new string('1', 99), System.Globalization.CultureInfo.InvariantCulture) * Year, years);

        Assert.False(DurationParser.TryParseMilliseconds(new string('1', 101), out _, out _));
        Assert.False(DurationParser.TryParseMilliseconds(new string('1', 100) + "s", out _, out _));
    }

    /// <summary>shared/reference/jsonwebtoken-sign-spec.md §6.1: the required answers of ms.</summary>
    [Theory]
    [InlineData("120", 120d)]
    [InlineData("2 days", 172_800_000d)]
    [InlineData("1.5h", 5_400_000d)]
    [InlineData("-3 days", -259_200_000d)]
    [InlineData("10 H", 36_000_000d)]
    [InlineData(" 10h", null)]
    [InlineData("1e3", null)]
    [InlineData("abc", null)]
    public void RequiredAnswers(string text, double? expected)
    {
        Assert.Equal(expected, DurationParser.ParseMilliseconds(text));
    }

    [Theory]
    [InlineData("300", 300_000, false)] // unit-less is seconds in a profile
    [InlineData("1.5", 1_500, false)]
    [InlineData("0", 0, false)]
    [InlineData("-30", -30_000, false)]
    [InlineData("300 ", 300_000, false)] // ms allows trailing spaces
    [InlineData("300s", 300_000, true)]
    [InlineData("5m", 300_000, true)]
    [InlineData("120ms", 120, true)]
    [InlineData("2 days", 172_800_000, true)]
    public void ProfileDurationUnitLessMeansSeconds(string text, double expectedMs, bool expectedHasUnit)
    {
        Assert.True(DurationParser.TryParseProfileDuration(text, out double ms, out bool hasUnit));
        Assert.Equal(expectedMs, ms);
        Assert.Equal(expectedHasUnit, hasUnit);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData(" 300")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("1 mo")]
    public void ProfileDurationRejectsNonDurations(string? text)
    {
        Assert.False(DurationParser.TryParseProfileDuration(text, out _, out _));
    }
}
