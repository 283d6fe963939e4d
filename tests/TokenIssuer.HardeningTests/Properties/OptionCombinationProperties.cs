using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.HardeningTests.Properties;

/// <summary>
/// Any combination of the engine's options gives a token that Microsoft.IdentityModel's
/// JsonWebTokenHandler validates (signature, issuer, audience; lifetime judged separately) and that
/// carries every claim and header member asked for, with jsonwebtoken's arithmetic.
/// </summary>
public sealed class OptionCombinationProperties
{
    private static readonly JsonWebTokenHandler Handler = new();

    internal sealed record Duration(long? Seconds, string? Text)
    {
        public JwtDuration ToJwtDuration() => Seconds is { } s ? JwtDuration.FromSeconds(s) : JwtDuration.Parse(Text!);

        /// <summary>jsonwebtoken's timespan(): a number is added as is, a string is floored after adding.</summary>
        public double AddTo(double iat) => Seconds is { } s ? iat + s : Math.Floor(iat + MsModel.Parse(Text!)!.Value.Milliseconds / 1000);

        public override string ToString() => Seconds is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"\"{Text}\"";
    }

    internal sealed record Case(
        JwtAlgorithm Algorithm, Duration? ExpiresIn, Duration? NotBefore, string[]? Audience, bool AudienceAsList,
        string? Issuer, string? Subject, string? JwtId, bool NoTimestamp, string? KeyId);

    /// <summary>Text a validator compares as is: non-empty, no surrounding whitespace, any other Unicode.</summary>
    private static readonly Gen<string> Name = ClaimGen.WellFormedText
        .Select(t => t.Length > 60 ? t[..60] : t)
        .Select(t => t.Trim())
        .Where(t => t.Length > 0 && ClaimGen.IsWellFormed(t));

    private static readonly Gen<Duration> DurationGen = Gen.OneOf(
        Gen.Choose(-86_400, 10 * 86_400).Select(s => new Duration(s, null)),
        Properties.DurationGen.Valid.Where(t => MsModel.Parse(t) is { } m && Math.Abs(m.Milliseconds) < 1e15).Select(t => new Duration(null, t)));

    private static Gen<T?> Maybe<T>(Gen<T> gen) where T : class => Gen.Frequency((1, Gen.Constant<T?>(null)), (2, gen.Select(v => (T?)v)));

    private static readonly Gen<Case> Cases =
        from alg in Gen.Elements(Enum.GetValues<JwtAlgorithm>())
        from expiresIn in Maybe(DurationGen)
        from notBefore in Maybe(DurationGen)
        from audience in Maybe(Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Name, n)))
        from asList in Gen.Elements(true, false)
        from issuer in Maybe(Name)
        from subject in Maybe(Name)
        from jwtId in Maybe(Name)
        from noTimestamp in Gen.Elements(true, false)
        from keyId in Maybe(Name)
        select new Case(alg, expiresIn, notBefore, audience, asList || audience is { Length: > 1 }, issuer, subject, jwtId, noTimestamp, keyId);

    [Property(MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
    public Property EveryCombinationValidatesAndCarriesWhatWasAskedFor()
        => Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var (key, _, _) = AlgorithmKeys.For(c.Algorithm);
            var options = new JwtSignOptions
            {
                Algorithm = c.Algorithm,
                ExpiresIn = c.ExpiresIn?.ToJwtDuration(),
                NotBefore = c.NotBefore?.ToJwtDuration(),
                Audience = c.Audience is null ? null : c.AudienceAsList ? JwtAudience.FromList(c.Audience) : JwtAudience.FromString(c.Audience[0]),
                Issuer = c.Issuer,
                Subject = c.Subject,
                JwtId = c.JwtId,
                NoTimestamp = c.NoTimestamp,
                KeyId = c.KeyId,
                TimeProvider = new FakeTimeProvider(TestClock.Start),
            };
            string token = JwtSigner.Sign(new Dictionary<string, object?> { ["n"] = 42 }, key, options);

            var result = Handler.ValidateTokenAsync(token, new TokenValidationParameters
            {
                IssuerSigningKey = AlgorithmKeys.SecurityKeyFor(c.Algorithm),
                ValidAlgorithms = [JwtAlgorithmNames.Name(c.Algorithm)],
                ValidateIssuer = c.Issuer is not null,
                ValidIssuer = c.Issuer,
                ValidateAudience = c.Audience is not null,
                ValidAudiences = c.Audience,
                ValidateLifetime = false,
                RequireExpirationTime = false,
                ValidateIssuerSigningKey = false,
            }).GetAwaiter().GetResult();
            Assert.True(result.IsValid, $"{c}: JsonWebTokenHandler rejected the token: {result.Exception?.Message}");

            var t = new Jwt(token);
            Assert.Equal(JwtAlgorithmNames.Name(c.Algorithm), t.Alg);
            Assert.Equal("JWT", t.Header.GetProperty("typ").GetString());
            Assert.Equal(c.KeyId, t.Kid);

            var p = t.Payload;
            Assert.Equal(42, p.GetProperty("n").GetInt32());
            double iat = TestClock.StartIat;
            Assert.Equal(!c.NoTimestamp, p.TryGetProperty("iat", out var iatValue));
            if (!c.NoTimestamp) Assert.Equal(iat, iatValue.GetDouble());
            AssertNumber(p, "exp", c.ExpiresIn?.AddTo(iat));
            AssertNumber(p, "nbf", c.NotBefore?.AddTo(iat));
            AssertString(p, "iss", c.Issuer);
            AssertString(p, "sub", c.Subject);
            AssertString(p, "jti", c.JwtId);
            if (c.Audience is null) Assert.False(p.TryGetProperty("aud", out _));
            else if (!c.AudienceAsList) Assert.Equal(c.Audience[0], p.GetProperty("aud").GetString());
            else Assert.Equal(c.Audience, p.GetProperty("aud").EnumerateArray().Select(a => a.GetString()!).ToArray());
            return Prop.ToProperty(true).Classify(true, JwtAlgorithmNames.Name(c.Algorithm)[..2]);
        });

    private static void AssertNumber(JsonElement payload, string claim, double? expected)
    {
        Assert.Equal(expected is not null, payload.TryGetProperty(claim, out var value));
        if (expected is { } e) Assert.Equal(e, value.GetDouble());
    }

    private static void AssertString(JsonElement payload, string claim, string? expected)
    {
        Assert.Equal(expected is not null, payload.TryGetProperty(claim, out var value));
        if (expected is not null) Assert.Equal(expected, value.GetString());
    }
}
