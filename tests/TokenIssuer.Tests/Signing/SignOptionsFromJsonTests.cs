using System.Text.Json;

namespace TokenIssuer.Tests.Signing;

/// <summary><see cref="JwtSignOptions.FromJson(string)"/>: jsonwebtoken's options validation (shared/reference/jsonwebtoken-sign-spec.md §3).</summary>
public class SignOptionsFromJsonTests
{
    private static JwtSigningException Refused(string json)
    {
        var e = Assert.Throws<JwtSigningException>(() => JwtSignOptions.FromJson(json));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.False(string.IsNullOrWhiteSpace(e.Option));
        return e;
    }

    [Fact]
    public void ReadsEveryOption()
    {
        var o = JwtSignOptions.FromJson("""
            {"algorithm":"RS256","expiresIn":"1h","notBefore":30,"audience":["a","b"],"issuer":"i","subject":"s","jwtid":"j",
             "keyid":"k","noTimestamp":true,"header":{"typ":"at+jwt","n":1},"encoding":"utf8","mutatePayload":true,
             "allowInsecureKeySizes":true,"allowInvalidAsymmetricKeyTypes":true}
            """);
        Assert.Equal(JwtAlgorithm.RS256, o.Algorithm);
        Assert.Equal(JwtDuration.Parse("1h"), o.ExpiresIn);
        Assert.Equal(JwtDuration.FromSeconds(30), o.NotBefore);
        Assert.Equal(new object?[] { "a", "b" }, o.Audience!.Values!.Select(v => ((JsonElement)v!).GetString()).ToArray());
        Assert.Equal("i", o.Issuer);
        Assert.Equal("s", o.Subject);
        Assert.Equal("j", o.JwtId);
        Assert.Equal("k", o.KeyId);
        Assert.True(o.NoTimestamp);
        Assert.Equal(2, o.Header!.Count);
        Assert.True(o.MutatePayload);
        Assert.True(o.AllowInsecureKeySizes);
        Assert.True(o.AllowInvalidAsymmetricKeyTypes);
        Assert.Null(o.TimeProvider);
    }

    [Fact]
    public void NullOrEmptyObjectGivesDefaults()
    {
        foreach (var json in new[] { "null", "{}" })
        {
            var o = JwtSignOptions.FromJson(json);
            Assert.Null(o.Algorithm);
            Assert.Null(o.ExpiresIn);
            Assert.False(o.NoTimestamp);
        }
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"abc\"")]
    [InlineData("1")]
    [InlineData("true")]
    public void OptionsMustBeAnObject(string json)
    {
        var e = Refused(json);
        Assert.Equal("options", e.Option);
        Assert.StartsWith("Expected \"options\" to be a plain object.", e.Message);
    }

    [Fact]
    public void InvalidJsonText()
    {
        Assert.Equal("options", Refused("{\"expiresIn\":").Option);
    }

    [Theory]
    [InlineData("expiresin", "expiresIn")]
    [InlineData("expiresIN", "expiresIn")]
    [InlineData("notbefore", "notBefore")]
    [InlineData("audiance", "audience")]
    [InlineData("keyId", "keyid")]
    [InlineData("jwtId", "jwtid")]
    [InlineData("algorithms", "algorithm")]
    [InlineData("noTimeStamp", "noTimestamp")]
    public void UnknownOptionSuggestsTheRightName(string name, string suggestion)
    {
        var e = Refused($$"""{"{{name}}": 1}""");
        Assert.Equal(name, e.Option);
        Assert.StartsWith($"\"{name}\" is not allowed in \"options\".", e.Message);
        Assert.Contains($"Did you mean \"{suggestion}\"?", e.Message);
    }

    [Fact]
    public void UnknownOptionWithoutSuggestionListsTheOptions()
    {
        var e = Refused("""{"foo": 1}""");
        Assert.Equal("foo", e.Option);
        Assert.StartsWith("\"foo\" is not allowed in \"options\".", e.Message);
        Assert.Contains("expiresIn", e.Message);
        Assert.DoesNotContain("Did you mean", e.Message);
    }

    [Fact]
    public void FirstOffendingMemberWins()
    {
        Assert.Equal("foo", Refused("""{"foo":1, "issuer":1}""").Option);
        Assert.Equal("issuer", Refused("""{"issuer":1, "foo":1}""").Option);
    }

    [Theory]
    [InlineData("algorithm", "\"algorithm\" must be a valid string enum value")]
    [InlineData("expiresIn", "\"expiresIn\" should be a number of seconds or string representing a timespan")]
    [InlineData("notBefore", "\"notBefore\" should be a number of seconds or string representing a timespan")]
    [InlineData("audience", "\"audience\" must be a string or array")]
    [InlineData("issuer", "\"issuer\" must be a string")]
    [InlineData("subject", "\"subject\" must be a string")]
    [InlineData("jwtid", "\"jwtid\" must be a string")]
    [InlineData("keyid", "\"keyid\" must be a string")]
    [InlineData("header", "\"header\" must be an object")]
    [InlineData("encoding", "\"encoding\" must be a string")]
    [InlineData("noTimestamp", "\"noTimestamp\" must be a boolean")]
    [InlineData("mutatePayload", "\"mutatePayload\" must be a boolean")]
    [InlineData("allowInsecureKeySizes", "\"allowInsecureKeySizes\" must be a boolean")]
    [InlineData("allowInvalidAsymmetricKeyTypes", "\"allowInvalidAsymmetricKeyTypes\" must be a boolean")]
    public void NullValueIsRefused(string option, string message)
    {
        var e = Refused($$"""{"{{option}}": null}""");
        Assert.Equal(option, e.Option);
        Assert.StartsWith(message, e.Message);
        Assert.DoesNotContain("eg:", e.Message);
    }

    [Theory]
    [InlineData("""{"expiresIn": 1.5}""", "expiresIn", "\"expiresIn\" should be a number of seconds or string representing a timespan")]
    [InlineData("""{"expiresIn": true}""", "expiresIn", "\"expiresIn\" should be a number of seconds or string representing a timespan")]
    [InlineData("""{"expiresIn": ""}""", "expiresIn", "\"expiresIn\" should be a number of seconds or string representing a timespan")]
    [InlineData("""{"expiresIn": [60]}""", "expiresIn", "\"expiresIn\" should be a number of seconds or string representing a timespan")]
    [InlineData("""{"notBefore": {}}""", "notBefore", "\"notBefore\" should be a number of seconds or string representing a timespan")]
    [InlineData("""{"notBefore": "abc"}""", "notBefore", "\"notBefore\" should be a number of seconds or string representing a timespan eg: \"1d\", \"20h\", 60")]
    [InlineData("""{"audience": 1}""", "audience", "\"audience\" must be a string or array")]
    [InlineData("""{"audience": {}}""", "audience", "\"audience\" must be a string or array")]
    [InlineData("""{"algorithm": 256}""", "algorithm", "\"algorithm\" must be a valid string enum value")]
    [InlineData("""{"algorithm": "EdDSA"}""", "algorithm", "\"algorithm\" must be a valid string enum value")]
    [InlineData("""{"algorithm": ""}""", "algorithm", "\"algorithm\" must be a valid string enum value")]
    [InlineData("""{"algorithm": "RS 256"}""", "algorithm", "\"algorithm\" must be a valid string enum value")]
    [InlineData("""{"header": "abc"}""", "header", "\"header\" must be an object")]
    [InlineData("""{"header": []}""", "header", "\"header\" must be an object")]
    [InlineData("""{"issuer": 1}""", "issuer", "\"issuer\" must be a string")]
    [InlineData("""{"subject": ["s"]}""", "subject", "\"subject\" must be a string")]
    [InlineData("""{"keyid": false}""", "keyid", "\"keyid\" must be a string")]
    [InlineData("""{"noTimestamp": "yes"}""", "noTimestamp", "\"noTimestamp\" must be a boolean")]
    [InlineData("""{"mutatePayload": 1}""", "mutatePayload", "\"mutatePayload\" must be a boolean")]
    [InlineData("""{"allowInsecureKeySizes": "true"}""", "allowInsecureKeySizes", "\"allowInsecureKeySizes\" must be a boolean")]
    public void WrongTypesAreRefused(string json, string option, string message)
    {
        var e = Refused(json);
        Assert.Equal(option, e.Option);
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void LowerCaseAlgorithmSuggestsTheRightName()
    {
        var e = Refused("""{"algorithm": "hs256"}""");
        Assert.Contains("Did you mean \"HS256\"?", e.Message);
    }

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf-8")]
    [InlineData("UTF8")]
    [InlineData("")]
    public void Utf8EncodingIsAccepted(string encoding)
    {
        Assert.NotNull(JwtSignOptions.FromJson($$"""{"encoding": "{{encoding}}"}"""));
    }

    [Theory]
    [InlineData("latin1")]
    [InlineData("base64")]
    [InlineData("foo")]
    public void OtherEncodingsAreRefused(string encoding)
    {
        var e = Refused($$"""{"encoding": "{{encoding}}"}""");
        Assert.Equal("encoding", e.Option);
        Assert.Contains(encoding, e.Message);
    }

    [Theory]
    [InlineData("""{"expiresIn": 1e21}""")]
    [InlineData("""{"expiresIn": -10}""")]
    [InlineData("""{"expiresIn": 0}""")]
    [InlineData("""{"expiresIn": 60.0}""")]
    [InlineData("""{"issuer": ""}""")]
    [InlineData("""{"audience": []}""")]
    [InlineData("""{"audience": [1, {"x": 2}]}""")]
    public void EdgeValuesAreAccepted(string json)
    {
        Assert.NotNull(JwtSignOptions.FromJson(json));
    }

    [Fact]
    public void JsonElementOverloadReadsTheSame()
    {
        using var doc = JsonDocument.Parse("""{"expiresIn": "2 days", "issuer": "i"}""");
        var o = JwtSignOptions.FromJson(doc.RootElement);
        Assert.Equal(JwtDuration.Parse("2 days"), o.ExpiresIn);
        Assert.Equal("i", o.Issuer);
    }

    [Fact]
    public void DurationsKeepTheirUnitRules()
    {
        var o = JwtSignOptions.FromJson("""{"expiresIn": 60, "notBefore": "60"}""");
        Assert.Equal(60d, o.ExpiresIn!.Value.TotalSeconds);
        Assert.Equal(0.06, o.NotBefore!.Value.TotalSeconds);
    }
}
