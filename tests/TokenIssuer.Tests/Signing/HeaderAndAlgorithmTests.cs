using System.Security.Cryptography;
using System.Text.Json;

namespace TokenIssuer.Tests.Signing;

/// <summary>The default algorithm (follows the key), the header merge, and the refusal of "none".</summary>
public class HeaderAndAlgorithmTests
{
    private static Jwt Sign(SigningKey key, JwtSignOptions? options = null, Dictionary<string, object?>? payload = null)
    {
        options ??= new JwtSignOptions();
        options.TimeProvider = TestClock.Create();
        return new Jwt(JwtSigner.Sign(payload ?? Payload.Empty(), key, options));
    }

    [Theory]
    [InlineData("", "HS256", 32)]
    [InlineData("rsa2048-private.pem", "RS256", 256)]
    [InlineData("rsa2048-private-pkcs1.pem", "RS256", 256)]
    [InlineData("rsa3072-private.pem", "RS256", 384)]
    [InlineData("rsapss2048-private.pem", "PS256", 256)]
    [InlineData("ec-p256-private.pem", "ES256", 64)]
    [InlineData("ec-p256-private-sec1.pem", "ES256", 64)]
    [InlineData("ec-p384-private.pem", "ES384", 96)]
    [InlineData("ec-p521-private.pem", "ES512", 132)]
    public void DefaultAlgorithmFollowsTheKey(string keyFile, string expected, int signatureBytes)
    {
        var key = keyFile.Length == 0 ? SigningKeys.HmacSecret : SigningKeys.Key(keyFile);
        Assert.Equal(expected, key.DefaultAlgorithm?.ToString());
        var jwt = Sign(key);
        Assert.Equal(expected, jwt.Alg);
        Assert.Equal(signatureBytes, jwt.Signature.Length);
    }

    [Fact]
    public void DefaultAlgorithmOfAnEcKeyFollowsItsCurveAndVerifies()
    {
        var jwt = Sign(SigningKeys.EcP384);
        Assert.Equal("ES384", jwt.Alg);
        using var ec = KeyFiles.EcPublic("ec-p384-public.pem");
        Assert.True(jwt.VerifiesWith(ec));
    }

    [Fact]
    public void NoDefaultForAKeyOnAnotherCurve()
    {
        using var k1 = ECDsa.Create(ECCurve.CreateFromFriendlyName("secp256k1"));
        using var key = SigningKey.FromPem(k1.ExportPkcs8PrivateKeyPem());
        Assert.Null(key.DefaultAlgorithm);
        var e = Assert.Throws<JwtSigningException>(() => Sign(key));
        Assert.Equal("algorithm", e.Option);
        Assert.NotEmpty(e.Message);
    }

    [Fact]
    public void Rsa1024DefaultsToRs256AndIsThenRefusedForItsSize()
    {
        Assert.Equal(JwtAlgorithm.RS256, SigningKeys.Rsa1024.DefaultAlgorithm);
        var e = Assert.Throws<JwtSigningException>(() => Sign(SigningKeys.Rsa1024));
        Assert.StartsWith("secretOrPrivateKey has a minimum key size of 2048 bits for RS256", e.Message);
    }

    [Fact]
    public void HeaderKidWinsOverKeyIdWhichWinsOverTheKeysKid()
    {
        using var key = SigningKey.FromSecret("s3cr3t", keyId: "from-key");
        Assert.Equal("from-key", Sign(key).Header.GetProperty("kid").GetString());
        Assert.Equal("from-options", Sign(key, new JwtSignOptions { KeyId = "from-options" }).Header.GetProperty("kid").GetString());
        var jwt = Sign(key, new JwtSignOptions { KeyId = "from-options", Header = Payload.Of(("kid", "from-header")) });
        Assert.Equal("from-header", jwt.Header.GetProperty("kid").GetString());
        Assert.Equal(new[] { "alg", "typ", "kid" }, jwt.HeaderNames);
    }

    [Fact]
    public void EmptyKeyIdIsWritten()
    {
        var jwt = Sign(SigningKeys.HmacSecret, new JwtSignOptions { KeyId = "" });
        Assert.Equal("""{"alg":"HS256","typ":"JWT","kid":""}""", jwt.HeaderJson);
    }

    [Fact]
    public void HeaderMembersReplaceInPlaceOrAreAppended()
    {
        var jwt = Sign(SigningKeys.HmacSecret, new JwtSignOptions
        {
            KeyId = "o",
            Header = Payload.Of(("x5t", "abc"), ("typ", "at+jwt"), ("n", 1), ("nested", Payload.Of(("b", true))), ("list", new[] { "a" }), ("kid", "h")),
        });
        Assert.Equal("""{"alg":"HS256","typ":"at+jwt","kid":"h","x5t":"abc","n":1,"nested":{"b":true},"list":["a"]}""", jwt.HeaderJson);
    }

    [Fact]
    public void HeaderTypNullIsWrittenAsNull()
    {
        var jwt = Sign(SigningKeys.HmacSecret, new JwtSignOptions { Header = Payload.Of(("typ", null)) });
        Assert.Equal("""{"alg":"HS256","typ":null}""", jwt.HeaderJson);
    }

    [Fact]
    public void HeaderAlgOverridesAlgorithmForTheKeyCheckAndTheSignature()
    {
        // algorithm RS256 would need a private key; header.alg HS384 makes the secret right.
        var jwt = Sign(SigningKeys.HmacSecret, new JwtSignOptions { Algorithm = JwtAlgorithm.RS256, Header = Payload.Of(("alg", "HS384")) });
        Assert.Equal("HS384", jwt.Alg);
        Assert.Equal(48, jwt.Signature.Length);
        Assert.True(jwt.VerifiesWith("secret"u8.ToArray()));
        Assert.Equal(new[] { "alg", "typ" }, jwt.HeaderNames);

        var e = Assert.Throws<JwtSigningException>(() => Sign(SigningKeys.HmacSecret, new JwtSignOptions { Algorithm = JwtAlgorithm.HS256, Header = Payload.Of(("alg", "RS256")) }));
        Assert.StartsWith("secretOrPrivateKey must be an asymmetric key when using RS256", e.Message);
    }

    [Fact]
    public void HeaderAlgOverridesTheKeyDefault()
    {
        var jwt = Sign(SigningKeys.Rsa2048, new JwtSignOptions { Header = Payload.Of(("alg", "PS512")) });
        Assert.Equal("PS512", jwt.Alg);
        using var rsa = KeyFiles.RsaPublic("rsa2048-public.pem");
        Assert.True(jwt.VerifiesWith(rsa));
    }

    [Fact]
    public void NoneInHeaderIsRefused()
    {
        var e = Assert.Throws<JwtSigningException>(() => Sign(SigningKeys.HmacSecret, new JwtSignOptions { Header = Payload.Of(("alg", "none")) }));
        Assert.Equal("header.alg", e.Option);
        Assert.Contains("unsigned tokens are not supported", e.Message);

        var s = Assert.Throws<JwtSigningException>(() => JwtSigner.Sign("hello", SigningKeys.HmacSecret, new JwtSignOptions { Header = Payload.Of(("alg", "none")) }));
        Assert.Equal("header.alg", s.Option);

        // With an RSA key too, and with an algorithm set.
        Assert.Throws<JwtSigningException>(() => Sign(SigningKeys.Rsa2048, new JwtSignOptions { Algorithm = JwtAlgorithm.RS256, Header = Payload.Of(("alg", "none")) }));
    }

    [Fact]
    public void NoneInJsonOptionsIsRefused()
    {
        var e = Assert.Throws<JwtSigningException>(() => JwtSignOptions.FromJson("""{"algorithm":"none"}"""));
        Assert.Equal("algorithm", e.Option);
        Assert.Contains("unsigned tokens are not supported", e.Message);

        var options = JwtSignOptions.FromJson("""{"header":{"alg":"none"}}""");
        var h = Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(Payload.Of(("a", 1)), SigningKeys.HmacSecret, options));
        Assert.Equal("header.alg", h.Option);
        Assert.Contains("unsigned tokens are not supported", h.Message);

        using var payload = JsonDocument.Parse("\"text\"");
        Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(payload.RootElement, SigningKeys.HmacSecret, options));

        // "none" is not an enum member either.
        Assert.False(Enum.TryParse<JwtAlgorithm>("none", ignoreCase: true, out _));
    }

    [Theory]
    [InlineData("XX256")]
    [InlineData("hs256")]
    [InlineData("EdDSA")]
    [InlineData("")]
    public void UnknownHeaderAlgIsRefused(string alg)
    {
        var e = Assert.Throws<JwtSigningException>(() => Sign(SigningKeys.HmacSecret, new JwtSignOptions { Header = Payload.Of(("alg", alg)) }));
        Assert.Equal("header.alg", e.Option);
        Assert.StartsWith($"\"{alg}\" is not a valid algorithm", e.Message);
    }

    [Theory]
    [InlineData("""{"header":{"alg":"RS384"}}""", "rsa2048-private.pem", "RS384")]
    [InlineData("""{"algorithm":"RS256","header":{"alg":"PS256"}}""", "rsa2048-private.pem", "PS256")]
    [InlineData("""{"header":{"alg":"ES256","typ":"at+jwt"}}""", "ec-p256-private.pem", "ES256")]
    public void HeaderAlgFromJsonOptions(string optionsJson, string keyFile, string expectedAlg)
    {
        var options = JwtSignOptions.FromJson(optionsJson);
        var jwt = Sign(SigningKeys.Key(keyFile), options);
        Assert.Equal(expectedAlg, jwt.Alg);
        Assert.Equal("alg", jwt.HeaderNames[0]);
    }

    [Theory]
    [InlineData("""{"header":{"alg":256}}""")]
    [InlineData("""{"header":{"alg":null}}""")]
    [InlineData("""{"header":{"alg":"hs256"}}""")]
    public void BadHeaderAlgFromJsonOptions(string optionsJson)
    {
        var options = JwtSignOptions.FromJson(optionsJson);
        var e = Assert.Throws<JwtSigningException>(() => Sign(SigningKeys.HmacSecret, options));
        Assert.Equal("header.alg", e.Option);
    }

    [Fact]
    public void NonStringHeaderAlgIsRefused()
    {
        var e = Assert.Throws<JwtSigningException>(() => Sign(SigningKeys.HmacSecret, new JwtSignOptions { Header = Payload.Of(("alg", 256)) }));
        Assert.Equal("header.alg", e.Option);
        Assert.Throws<JwtSigningException>(() => Sign(SigningKeys.HmacSecret, new JwtSignOptions { Header = Payload.Of(("alg", null)) }));
    }

    [Fact]
    public void StringPayloadHasNoTypUnlessTheHeaderSaysSo()
    {
        Assert.Equal("""{"alg":"HS256"}""", new Jwt(JwtSigner.Sign("x", SigningKeys.HmacSecret)).HeaderJson);
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""",
            new Jwt(JwtSigner.Sign("x", SigningKeys.HmacSecret, new JwtSignOptions { Header = Payload.Of(("typ", "JWT")) })).HeaderJson);
        Assert.Equal("""{"alg":"ES256","kid":"k1"}""",
            new Jwt(JwtSigner.Sign("x", SigningKeys.EcP256, new JwtSignOptions { KeyId = "k1" })).HeaderJson);
    }

    [Fact]
    public void TheCallersHeaderDictionaryIsNotChanged()
    {
        var header = Payload.Of(("typ", "at+jwt"));
        Sign(SigningKeys.HmacSecret, new JwtSignOptions { Header = header, KeyId = "k" });
        Assert.Single(header);
        Assert.Equal("at+jwt", header["typ"]);
    }
}
