using System.Text.Json;

namespace TokenIssuer.HardeningTests.Garbage;

/// <summary>
/// The engine's JSON entry points — JwtSignOptions.FromJson (jsonwebtoken's options object) and
/// JwtSigner.Sign(JsonElement) — fed with mutated options and payloads: a token or a JwtSigningException,
/// never another exception.
/// </summary>
public sealed class EngineJsonGarbageTests(ITestOutputHelper output)
{
    private static readonly string[] Options =
    [
        """{"expiresIn":"1h","notBefore":60,"audience":["a","b"],"issuer":"i","subject":"s","jwtid":"j","keyid":"k","noTimestamp":false,"header":{"typ":"at+jwt","x":[1,{"y":null}]},"algorithm":"HS256","encoding":"utf8","mutatePayload":false,"allowInsecureKeySizes":false,"allowInvalidAsymmetricKeyTypes":false}""",
        """{"expiresIn":3600,"audience":"api","header":{"kid":"k1","alg":"HS512"}}""",
        """{"keyid":"k","header":{"typ":"x"},"algorithm":"HS384"}""",
        """{"noTimestamp":true,"issuer":"https://id.example.com"}""",
    ];

    private static readonly string[] Payloads =
    [
        """{"sub":"u-42","n":1,"f":1.5,"big":1e300,"neg":-0,"arr":[1,"x",true,null,{"a":[]}],"obj":{"k":"v"},"iat":1700000000}""",
        """{"exp":1700003600,"nbf":1699999000,"aud":"x"}""",
        "\"a string payload\"",
        "123",
        "true",
    ];

    private static readonly string[] Values =
    [
        "null", "true", "false", "0", "-1", "1.5", "1e21", "1e400", "-1e400", "123456789012345678901234567890", "[]", "{}", "[null]", "\"\"", "\" \"",
        "\"none\"", "\"NONE\"", "\"hs256\"", "\"1 mo\"", "\"-5m\"", "\"120\"", "\"\\ud800\"", "\"\\udc00x\"", "\"a\\u0000b\"", "\"\\\"\"", "{\"alg\":\"none\"}",
        "{\"alg\":5}", "{\"alg\":\"\\ud800\"}", "[\"a\",1,{}]", "\"" + new string('x', 5000) + "\"",
    ];

    [Fact]
    public void MutatedOptionsAndPayloadsGiveATokenOrAJwtSigningException()
    {
        var random = new Random(Seeds.KeyLoaders + 10);
        var failures = new Failures();
        using var key = SigningKey.FromSecret(TestKeys.Secret64);
        var signed = new Outcomes();
        for (int i = 0; i < 1500; i++)
        {
            string options = Mutate(Options[random.Next(Options.Length)], random);
            string payload = random.Next(3) == 0 ? Mutate(Payloads[random.Next(Payloads.Length)], random) : Payloads[random.Next(Payloads.Length)];
            try
            {
                var parsed = JwtSignOptions.FromJson(options);
                using var document = JsonDocument.Parse(payload);
                new Jwt(JwtSigner.Sign(document.RootElement, key, parsed));
                signed.Record(true);
            }
            catch (JwtSigningException)
            {
                signed.Record(false);
            }
            catch (JsonException)
            {
                // The payload mutation is not JSON: not the engine's input.
                signed.Record(false);
            }
            catch (Exception e)
            {
                signed.Record(false);
                failures.Add($"options {options}\n    payload {payload}", $"{e.GetType().FullName}: {e.Message}");
            }
        }
        output.WriteLine($"JwtSignOptions.FromJson + JwtSigner.Sign(JsonElement): {signed.Total} inputs ({signed.Succeeded} signed)");
        failures.AssertNone("option and payload inputs escaped the engine with an exception other than JwtSigningException");
        // Two payloads in three are not mutated, and a replaced option value of the option's own type (a string
        // issuer or subject, a boolean, a number of seconds, an array audience) keeps the options valid.
        signed.AssertSucceededAtLeast(80, "options changed in one member of the right type still sign");
    }

    private static string Mutate(string json, Random random)
    {
        var members = System.Text.RegularExpressions.Regex.Matches(json, "\"[a-zA-Z]+\":(\"[^\"]*\"|-?[0-9.e]+|true|false|null|\\[[^\\[\\]]*\\])");
        if (members.Count == 0 || random.Next(6) == 0) return json.Length == 0 ? json : json[..random.Next(json.Length)];
        var value = members[random.Next(members.Count)].Groups[1];
        return json.Remove(value.Index, value.Length).Insert(value.Index, Values[random.Next(Values.Length)]);
    }
}
