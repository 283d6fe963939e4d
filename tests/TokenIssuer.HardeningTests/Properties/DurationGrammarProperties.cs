using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

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

    [Property(MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
    public Property ValidDurationsParseToTheModelsValue()
        => Prop.ForAll(DurationGen.Valid.ToArbitrary(), text => AgreesWithModel(text));

    [Property(MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
    public Property MutatedDurationsAreAcceptedOrRefusedAsTheModelDecides()
        => Prop.ForAll(DurationGen.Mutated.ToArbitrary(), text =>
            Prop.ToProperty(() => AgreesWithModel(text))
                .Classify(MsModel.Parse(text) is null, "refused")
                .Classify(MsModel.Parse(text) is not null, "still valid"));

    [Property(MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
    public Property EveryCultureParsesAsTheInvariantModel()
        => Prop.ForAll(DurationGen.Any.ToArbitrary(), text =>
        {
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
        });

    /// <summary>In a profile, a unit-less value means seconds; with a unit, the same as ms.</summary>
    [Property(MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
    public Property ProfileDurationsReadUnitlessValuesAsSeconds()
        => Prop.ForAll(DurationGen.Any.ToArbitrary(), text =>
        {
            var model = MsModel.Parse(text);
            bool parsed = DurationParser.TryParseProfileDuration(text, out double ms, out bool hasUnit);
            Assert.Equal(model is not null, parsed);
            if (model is not { } m) return;
            Assert.Equal(m.HasUnit, hasUnit);
            AssertBitEqual(m.HasUnit ? m.Milliseconds : m.Milliseconds * 1000, ms, text);
        });

    /// <summary>End to end: a string expiresIn gives exp = floor(iat + ms / 1000), as jsonwebtoken computes it.</summary>
    [Property(MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
    public Property StringExpiresInGivesTheFlooredExp()
        => Prop.ForAll(DurationGen.Valid.ToArbitrary(), text =>
        {
            var model = MsModel.Parse(text);
            if (model is not { } m)
            {
                Assert.False(JwtDuration.TryParse(text, out _));
                return;
            }
            Assert.True(JwtDuration.TryParse(text, out var duration));
            using var key = SigningKey.FromSecret(TestKeys.Secret64);
            string token = JwtSigner.Sign(new Dictionary<string, object?>(), key, new JwtSignOptions
            {
                ExpiresIn = duration,
                TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestClock.Start),
            });
            double exp = new Jwt(token).Payload.GetProperty("exp").GetDouble();
            AssertBitEqual(Math.Floor(TestClock.StartIat + m.Milliseconds / 1000), exp, text);
        });

    private static void AgreesWithModel(string text, string culture = "")
    {
        var model = MsModel.Parse(text);
        bool parsed = DurationParser.TryParseMilliseconds(text, out double ms, out bool hasUnit);
        Assert.True(model is not null == parsed, $"\"{Escape(text)}\" (culture '{culture}'): model {(model is null ? "refuses" : "accepts")}, DurationParser {(parsed ? "accepts" : "refuses")}");
        if (model is not { } m) return;
        Assert.True(m.HasUnit == hasUnit, $"\"{Escape(text)}\": hasUnit {hasUnit}, model {m.HasUnit}");
        AssertBitEqual(m.Milliseconds, ms, text);
    }

    private static void AssertBitEqual(double expected, double actual, string text)
        => Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"\"{Escape(text)}\": expected {expected:R}, got {actual:R}");

    private static string Escape(string text) => string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
}
