using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace TokenIssuer.HardeningTests.Properties;

/// <summary>
/// The shared duration parser (DurationParser, used by the engine, profiles, the CLI and the generator)
/// against the model of ms 2.1.3: same accept/reject decision, bit-identical milliseconds, same "has a
/// unit" answer — under every culture, since parsing must be culture-invariant.
/// </summary>
public sealed class DurationGrammarProperties
{
    /// <summary>Cultures with other decimal separators, digits, casing rules (Turkish dotless i) and calendars.</summary>
    private static readonly string[] Cultures = ["", "en-US", "tr-TR", "az-Latn-AZ", "de-DE", "fr-FR", "ar-SA", "fa-IR", "hi-IN", "th-TH", "ja-JP"];

    [Theory]
    [InlineData("120", 120d, false)]
    [InlineData("2 days", 172_800_000d, true)]
    [InlineData("1.5h", 5_400_000d, true)]
    [InlineData("-3 days", -259_200_000d, true)]
    [InlineData("10 H", 36_000_000d, true)]
    [InlineData("1.1h", 3_960_000.0000000005, true)]
    [InlineData(".5y", 15_778_800_000d, true)]
    [InlineData("1  h", 3_600_000d, true)]
    [InlineData("1 mSeC", 1d, true)]
    [InlineData("1M", 60_000d, true)]
    [InlineData(" 10h", null, false)]
    [InlineData("10h ", null, false)]
    [InlineData("10h\n", null, false)]
    [InlineData("1e3", null, false)]
    [InlineData("+1", null, false)]
    [InlineData("1.", null, false)]
    [InlineData("2d 3h", null, false)]
    [InlineData("1 mo", null, false)]
    [InlineData("1\th", null, false)]
    [InlineData("1ſ", null, false)]
    [InlineData("1 mİn", null, false)]
    [InlineData("１h", null, false)]
    [InlineData("١h", null, false)]
    public void TheModelAgreesWithTheSpecificationExamples(string text, double? expected, bool hasUnit)
    {
        var parsed = MsModel.Parse(text);
        Assert.Equal(expected, parsed?.Milliseconds);
        if (parsed is { } value) Assert.Equal(hasUnit, value.HasUnit);
    }

    [Fact]
    public void TheModelKeepsNegativeZeroAndTheLengthLimit()
    {
        Assert.True(double.IsNegative(MsModel.Parse("-0")!.Value.Milliseconds));
        Assert.NotNull(MsModel.Parse(new string('1', 99) + "y"));
        Assert.Null(MsModel.Parse(new string('1', 100) + "y"));
    }

    [Fact]
    public void ValidDurationsParseToTheModelsValue()
    {
        var outcomes = new Outcomes();
        PropertyRuns.Check(Prop.ForAll(DurationGen.Valid.ToArbitrary(), text => { outcomes.Record(AgreesWithModel(text)); }));
        outcomes.AssertSucceededAtLeast(Seeds.MaxTest * 3 / 4,
            "DurationGen.Valid makes texts ms accepts; only its long-number branch (1 in 11) can pass the 100-character limit");
    }

    [Fact]
    public void MutatedDurationsAreAcceptedOrRefusedAsTheModelDecides()
    {
        var outcomes = new Outcomes();
        PropertyRuns.Check(Prop.ForAll(DurationGen.Mutated.ToArbitrary(), text => { outcomes.Record(AgreesWithModel(text)); }));
        outcomes.AssertSucceededAtLeast(10,
            "one mutation in 16 (zero-padding to 100 characters) keeps an unsigned valid text valid, and a deleted digit or an inserted space often does");
        outcomes.AssertRefusedAtLeast(Seeds.MaxTest / 2, "most mutations (a sign, an exponent, a second unit, a look-alike digit) break the grammar");
    }

    [Fact]
    public void EveryCultureParsesAsTheInvariantModel()
    {
        var outcomes = new Outcomes();
        PropertyRuns.Check(Prop.ForAll(DurationGen.Any.ToArbitrary(), text =>
        {
            outcomes.Record(MsModel.Parse(text) is not null);
            var savedCulture = CultureInfo.CurrentCulture;
            var savedUiCulture = CultureInfo.CurrentUICulture;
            try
            {
                foreach (var name in Cultures)
                {
                    var culture = CultureInfo.GetCultureInfo(name);
                    CultureInfo.CurrentCulture = culture;
                    CultureInfo.CurrentUICulture = culture;
                    AgreesWithModel(text, name);
                }
            }
            finally
            {
                CultureInfo.CurrentCulture = savedCulture;
                CultureInfo.CurrentUICulture = savedUiCulture;
            }
        }));
        outcomes.AssertSucceededAtLeast(Seeds.MaxTest / 4, "DurationGen.Any is half DurationGen.Valid, three quarters of which ms accepts");
    }

    /// <summary>In a profile, a unit-less value means seconds; with a unit, the same as ms.</summary>
    [Fact]
    public void ProfileDurationsReadUnitlessValuesAsSeconds()
    {
        var outcomes = new Outcomes();
        PropertyRuns.Check(Prop.ForAll(DurationGen.Any.ToArbitrary(), text =>
        {
            var model = MsModel.Parse(text);
            bool parsed = DurationParser.TryParseProfileDuration(text, out double ms, out bool hasUnit);
            Assert.Equal(model is not null, parsed);
            if (!outcomes.Record(model is not null)) return;
            var m = model!.Value;
            Assert.Equal(m.HasUnit, hasUnit);
            AssertBitEqual(m.HasUnit ? m.Milliseconds : m.Milliseconds * 1000, ms, text);
        }));
        outcomes.AssertSucceededAtLeast(Seeds.MaxTest / 4, "DurationGen.Any is half DurationGen.Valid, three quarters of which ms accepts");
    }

    /// <summary>End to end: a string expiresIn gives exp = floor(iat + ms / 1000), as jsonwebtoken computes it.</summary>
    [Fact]
    public void StringExpiresInGivesTheFlooredExp()
    {
        var outcomes = new Outcomes();
        PropertyRuns.Check(Prop.ForAll(DurationGen.Valid.ToArbitrary(), text =>
        {
            var model = MsModel.Parse(text);
            if (!outcomes.Record(model is not null))
            {
                Assert.False(JwtDuration.TryParse(text, out _));
                return;
            }
            var m = model!.Value;
            Assert.True(JwtDuration.TryParse(text, out var duration));
            using var key = SigningKey.FromSecret(TestKeys.Secret64);
            string token = JwtSigner.Sign(new Dictionary<string, object?>(), key, new JwtSignOptions
            {
                ExpiresIn = duration,
                TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestClock.Start),
            });
            double exp = new Jwt(token).Payload.GetProperty("exp").GetDouble();
            AssertBitEqual(Math.Floor(TestClock.StartIat + m.Milliseconds / 1000), exp, text);
        }));
        outcomes.AssertSucceededAtLeast(Seeds.MaxTest * 3 / 4,
            "DurationGen.Valid makes texts ms accepts; only its long-number branch (1 in 11) can pass the 100-character limit");
    }

    /// <summary>Whether the parser and the model agree (fails the test when not); returns whether the text was accepted.</summary>
    private static bool AgreesWithModel(string text, string culture = "")
    {
        var model = MsModel.Parse(text);
        bool parsed = DurationParser.TryParseMilliseconds(text, out double ms, out bool hasUnit);
        Assert.True(model is not null == parsed, $"\"{Escape(text)}\" (culture '{culture}'): model {(model is null ? "refuses" : "accepts")}, DurationParser {(parsed ? "accepts" : "refuses")}");
        if (model is not { } m) return false;
        Assert.True(m.HasUnit == hasUnit, $"\"{Escape(text)}\": hasUnit {hasUnit}, model {m.HasUnit}");
        AssertBitEqual(m.Milliseconds, ms, text);
        return true;
    }

    private static void AssertBitEqual(double expected, double actual, string text)
        => Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"\"{Escape(text)}\": expected {expected:R}, got {actual:R}");

    private static string Escape(string text) => string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
}
