using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.HardeningTests.Properties;

/// <summary>
/// Arbitrary Unicode anywhere text can go into a token (claim values and names, nested values, option
/// claims, header members, the issuer's dynamic and typed paths): well-formed text comes back from the
/// token's JSON exactly; text with a lone surrogate is refused with a JwtSigningException — never another
/// exception, and never silently replaced (U+FFFD) in a signed token.
/// </summary>
public sealed class ClaimValueProperties
{
    private static readonly SigningKey Key = SigningKey.FromSecret(TestKeys.Secret64);

    private static readonly Lazy<IJwtIssuer> Issuer = new(() =>
    {
        var services = new ServiceCollection();
        services.AddJwtIssuer(options =>
        {
            options.Keys["main"] = new JwtKeyOptions { SecretBase64 = Convert.ToBase64String(TestKeys.Secret64) };
            options.Profiles["Api"] = new JwtProfileOptions { Algorithm = "HS256", SigningKey = "main" };
        });
        return services.BuildServiceProvider().GetRequiredService<IJwtIssuer>();
    });

    private static readonly string[] Places =
    [
        "claim value", "claim name", "array item", "nested object value", "nested object name", "issuer", "subject", "jwtid",
        "audience", "audience list", "keyid", "header member", "issuer: dynamic value", "issuer: dynamic name",
        "issuer: typed string", "issuer: typed string array",
    ];

    [Fact]
    public void TextComesBackExactlyOrIsRefusedWithAJwtSigningException()
    {
        var outcomes = new Outcomes();
        PropertyRuns.Check(Prop.ForAll(Gen.Elements(Places).ToArbitrary(), ClaimGen.AnyText.ToArbitrary(), (place, text) =>
        {
            bool wellFormed = ClaimGen.IsWellFormed(text);
            string? token;
            try
            {
                token = Sign(place, text);
            }
            catch (JwtSigningException) when (!wellFormed)
            {
                outcomes.Record(false);
                return Prop.ToProperty(true).Classify(true, "refused (lone surrogate)");
            }
            catch (JwtSigningException e)
            {
                throw new Xunit.Sdk.XunitException($"{place}: well-formed text of {text.Length} chars refused: {e.Message}");
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{place}: {e.GetType().Name} instead of a token or a JwtSigningException: {e.Message}");
            }
            Assert.True(wellFormed, $"{place}: text with a lone surrogate was signed (as U+FFFD or an escape) instead of refused");
            Assert.Equal(text, ReadBack(place, new Jwt(token)));
            outcomes.Record(true);
            return Prop.ToProperty(true).Classify(text.Length >= 10_000, "10k+ chars").Classify(true, "signed");
        }));
        outcomes.AssertSucceededAtLeast(Seeds.MaxTest / 2,
            "a piece of ClaimGen.AnyText is a lone surrogate 2 times in 176, so most texts of at most 40 pieces have none, and every well-formed text must sign");
    }

    private static string Sign(string place, string text)
    {
        var none = new JwtSignOptions { NoTimestamp = true };
        return place switch
        {
            "claim value" => JwtSigner.Sign(new Dictionary<string, object?> { ["v"] = text }, Key, none),
            "claim name" => JwtSigner.Sign(new Dictionary<string, object?> { [text] = 1 }, Key, none),
            "array item" => JwtSigner.Sign(new Dictionary<string, object?> { ["v"] = new object?[] { 1, text, null } }, Key, none),
            "nested object value" => JwtSigner.Sign(new Dictionary<string, object?> { ["v"] = new Dictionary<string, object?> { ["k"] = text } }, Key, none),
            "nested object name" => JwtSigner.Sign(new Dictionary<string, object?> { ["v"] = new Dictionary<string, object?> { [text] = true } }, Key, none),
            "issuer" => JwtSigner.Sign(new Dictionary<string, object?>(), Key, new JwtSignOptions { Issuer = text }),
            "subject" => JwtSigner.Sign(new Dictionary<string, object?>(), Key, new JwtSignOptions { Subject = text }),
            "jwtid" => JwtSigner.Sign(new Dictionary<string, object?>(), Key, new JwtSignOptions { JwtId = text }),
            "audience" => JwtSigner.Sign(new Dictionary<string, object?>(), Key, new JwtSignOptions { Audience = JwtAudience.FromString(text) }),
            "audience list" => JwtSigner.Sign(new Dictionary<string, object?>(), Key, new JwtSignOptions { Audience = JwtAudience.FromList(["a", text]) }),
            "keyid" => JwtSigner.Sign(new Dictionary<string, object?>(), Key, new JwtSignOptions { KeyId = text }),
            "header member" => JwtSigner.Sign(new Dictionary<string, object?>(), Key, new JwtSignOptions { Header = new Dictionary<string, object?> { ["x-test"] = text } }),
            "issuer: dynamic value" => Issuer.Value.Issue("Api", new Dictionary<string, object?> { ["v"] = text }),
            "issuer: dynamic name" => Issuer.Value.Issue("Api", new Dictionary<string, object?> { [text] = "x" }),
            "issuer: typed string" => Issuer.Value.Issue("Api", text, static (writer, t) => writer.WriteString("v", t)),
            "issuer: typed string array" => Issuer.Value.Issue("Api", text, static (writer, t) => writer.WriteStringArray("v", ["a", t])),
            _ => throw new ArgumentOutOfRangeException(nameof(place)),
        };
    }

    private static string ReadBack(string place, Jwt token)
    {
        var p = token.Payload;
        return place switch
        {
            "claim value" or "issuer: dynamic value" or "issuer: typed string" => p.GetProperty("v").GetString()!,
            "claim name" => p.EnumerateObject().Single().Name,
            "issuer: dynamic name" => p.EnumerateObject().Single(m => m.Name != "iat").Name,
            "array item" => p.GetProperty("v")[1].GetString()!,
            "nested object value" => p.GetProperty("v").GetProperty("k").GetString()!,
            "nested object name" => p.GetProperty("v").EnumerateObject().Single().Name,
            "issuer" => p.GetProperty("iss").GetString()!,
            "subject" => p.GetProperty("sub").GetString()!,
            "jwtid" => p.GetProperty("jti").GetString()!,
            "audience" => p.GetProperty("aud").GetString()!,
            "audience list" or "issuer: typed string array" => (p.TryGetProperty("aud", out var aud) ? aud : p.GetProperty("v"))[1].GetString()!,
            "keyid" => token.Header.GetProperty("kid").GetString()!,
            "header member" => token.Header.GetProperty("x-test").GetString()!,
            _ => throw new ArgumentOutOfRangeException(nameof(place)),
        };
    }
}
