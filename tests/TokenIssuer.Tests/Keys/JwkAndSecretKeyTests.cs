using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace TokenIssuer.Tests.Keys;

/// <summary>JWK keys (RSA, EC, oct), HMAC secrets in their encodings, and jsonwebtoken's string-key rule.</summary>
public class JwkAndSecretKeyTests
{
    private static string B64(byte[]? bytes) => Base64Url.EncodeToString(bytes);

    internal static string RsaJwk(RSA rsa, string? kid = null, string? alg = null)
    {
        var p = rsa.ExportParameters(true);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA", ["n"] = B64(p.Modulus), ["e"] = B64(p.Exponent), ["d"] = B64(p.D), ["p"] = B64(p.P), ["q"] = B64(p.Q),
            ["dp"] = B64(p.DP), ["dq"] = B64(p.DQ), ["qi"] = B64(p.InverseQ),
        };
        if (kid is not null) jwk["kid"] = kid;
        if (alg is not null) jwk["alg"] = alg;
        return jwk.ToJsonString();
    }

    internal static string EcJwk(ECDsa ec, string crv, string? kid = null, string? alg = null, bool includePrivate = true)
    {
        var p = ec.ExportParameters(includePrivate);
        var jwk = new JsonObject { ["kty"] = "EC", ["crv"] = crv, ["x"] = B64(p.Q.X), ["y"] = B64(p.Q.Y) };
        if (includePrivate) jwk["d"] = B64(p.D);
        if (kid is not null) jwk["kid"] = kid;
        if (alg is not null) jwk["alg"] = alg;
        return jwk.ToJsonString();
    }

    private static RSA Rsa2048()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(KeyFiles.Pem("rsa2048-private.pem"));
        return rsa;
    }

    private static string Sign(SigningKey key, JwtAlgorithm? algorithm = null)
        => JwtSigner.Sign(Payload.Of(("a", 1)), key, new JwtSignOptions { Algorithm = algorithm, TimeProvider = TestClock.Create() });

    [Fact]
    public void RsaJwkSignsLikeThePem()
    {
        using var rsa = Rsa2048();
        using var key = SigningKey.FromJwk(RsaJwk(rsa, kid: "rsa-1"));
        Assert.Equal(SigningKeyKind.Rsa, key.Kind);
        Assert.Equal(2048, key.KeySizeInBits);
        Assert.Equal("rsa-1", key.KeyId);
        Assert.Equal(JwtAlgorithm.RS256, key.DefaultAlgorithm);
        var jwt = new Jwt(Sign(key));
        Assert.Equal("""{"alg":"RS256","typ":"JWT","kid":"rsa-1"}""", jwt.HeaderJson);
        Assert.True(jwt.VerifiesWith(rsa));
        // RS256 is deterministic: without a kid the token is the PEM key's token.
        using var noKid = SigningKey.FromJwk(RsaJwk(rsa));
        Assert.Null(noKid.KeyId);
        Assert.Equal(Sign(SigningKeys.Rsa2048), Sign(noKid));
    }

    [Fact]
    public void JwkAlgBecomesTheDefaultAlgorithm()
    {
        using var rsa = Rsa2048();
        using var key = SigningKey.FromJwk(RsaJwk(rsa, alg: "PS384"));
        Assert.Equal(JwtAlgorithm.PS384, key.DefaultAlgorithm);
        var jwt = new Jwt(Sign(key));
        Assert.Equal("PS384", jwt.Alg);
        Assert.False(jwt.HeaderHas("kid"));
        Assert.True(jwt.VerifiesWith(rsa));
        // The options still win over the JWK's alg.
        Assert.Equal("RS512", new Jwt(Sign(key, JwtAlgorithm.RS512)).Alg);
    }

    [Theory]
    [InlineData("P-256", "ES256", 64)]
    [InlineData("P-384", "ES384", 96)]
    [InlineData("P-521", "ES512", 132)]
    public void EcJwkSignsWithItsCurve(string crv, string alg, int signatureBytes)
    {
        var curve = crv switch { "P-256" => ECCurve.NamedCurves.nistP256, "P-384" => ECCurve.NamedCurves.nistP384, _ => ECCurve.NamedCurves.nistP521 };
        using var ec = ECDsa.Create(curve);
        using var key = SigningKey.FromJwk(EcJwk(ec, crv, kid: "ec-" + crv));
        Assert.Equal(SigningKeyKind.EllipticCurve, key.Kind);
        Assert.Equal("ec-" + crv, key.KeyId);
        var jwt = new Jwt(Sign(key));
        Assert.Equal(alg, jwt.Alg);
        Assert.Equal("ec-" + crv, jwt.Header.GetProperty("kid").GetString());
        Assert.Equal(signatureBytes, jwt.Signature.Length);
        Assert.True(jwt.VerifiesWith(ec));
    }

    [Fact]
    public void EcJwkWithShortCoordinatesIsPadded()
    {
        // base64url of a coordinate with its leading zero bytes dropped (some producers do that).
        for (int attempt = 0; attempt < 3000; attempt++)
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var p = ec.ExportParameters(true);
            if (p.D![0] != 0 && p.Q.X![0] != 0) continue;
            var jwk = new JsonObject
            {
                ["kty"] = "EC", ["crv"] = "P-256",
                ["x"] = B64(p.Q.X!.SkipWhile(b => b == 0).ToArray()), ["y"] = B64(p.Q.Y), ["d"] = B64(p.D.SkipWhile(b => b == 0).ToArray()),
            };
            using var key = SigningKey.FromJwk(jwk.ToJsonString());
            Assert.True(new Jwt(Sign(key)).VerifiesWith(ec));
            return;
        }
        Assert.Fail("no P-256 key with a leading zero byte in 3000 tries");
    }

    [Fact]
    public void OctJwk()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(48);
        using var key = SigningKey.FromJwk($$"""{"kty":"oct","k":"{{B64(secret)}}","kid":"hmac-1","alg":"HS384"}""");
        Assert.Equal(SigningKeyKind.Symmetric, key.Kind);
        Assert.Equal(384, key.KeySizeInBits);
        var jwt = new Jwt(Sign(key));
        Assert.Equal("""{"alg":"HS384","typ":"JWT","kid":"hmac-1"}""", jwt.HeaderJson);
        Assert.True(jwt.VerifiesWith(secret));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("""{"k":"AAAA"}""", "\"kty\"")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"AAAA","d":"AAAA"}""", "\"OKP\"")]
    [InlineData("""{"kty":"oct","k":""}""", "empty")]
    [InlineData("""{"kty":"oct","k":"A"}""", "base64")]
    [InlineData("""{"kty":"oct","k":"AAAA","alg":"none"}""", "\"none\"")]
    [InlineData("""{"kty":"oct","k":"AAAA","alg":"HS1"}""", "\"HS1\"")]
    [InlineData("""{"kty":"oct","k":"AAAA","kid":5}""", "\"kid\"")]
    [InlineData("""{"kty":"EC","crv":"P-192","x":"AAAA","y":"AAAA","d":"AAAA"}""", "\"P-192\"")]
    [InlineData("""{"kty":"RSA","n":"AAAA","e":"AQAB"}""", "public")]
    [InlineData("""{"kty":"RSA","n":"AAAA","e":"AQAB","d":"AAAA"}""", "\"p\"")]
    public void BadJwksAreClearErrors(string json, string expectedInMessage)
    {
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromJwk(json));
        Assert.Equal("key", e.Option);
        Assert.Contains(expectedInMessage, e.Message);
    }

    [Fact]
    public void PublicEcJwkIsRefused()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromJwk(EcJwk(ec, "P-256", includePrivate: false)));
        Assert.Contains("public", e.Message);
    }

    [Fact]
    public void InconsistentRsaJwkIsRefused()
    {
        using var rsa = Rsa2048();
        var jwk = JsonNode.Parse(RsaJwk(rsa))!.AsObject();
        jwk["n"] = B64(RandomNumberGenerator.GetBytes(256).Select((b, i) => i == 0 ? (byte)(b | 0x80) : b).ToArray());
        var e = Assert.Throws<JwtSigningException>(() =>
        {
            using var key = SigningKey.FromJwk(jwk.ToJsonString());
            Sign(key);
        });
        Assert.Equal("key", e.Option);
    }

    [Fact]
    public void SecretTextIsUtf8()
    {
        using var text = SigningKey.FromSecret("clé");
        using var utf8 = SigningKey.FromSecret(Encoding.UTF8.GetBytes("clé"));
        using var latin1 = SigningKey.FromSecret(Encoding.Latin1.GetBytes("clé"));
        Assert.Equal(Sign(utf8), Sign(text));
        Assert.NotEqual(Sign(latin1), Sign(text));
        Assert.Equal(32, text.KeySizeInBits);
        Assert.True(new Jwt(Sign(text)).VerifiesWith(Encoding.UTF8.GetBytes("clé")));
    }

    [Fact]
    public void Base64AndBase64UrlSecrets()
    {
        byte[] bytes = Enumerable.Range(0, 40).Select(i => (byte)(250 - i * 3)).ToArray(); // has + and / in base64
        string base64 = Convert.ToBase64String(bytes);
        Assert.True(base64.Contains('+') || base64.Contains('/'));
        using var raw = SigningKey.FromSecret(bytes);
        string expected = Sign(raw);
        foreach (var text in new[] { base64, base64.TrimEnd('='), Base64Url.EncodeToString(bytes), Base64Url.EncodeToString(bytes) + "=", " " + base64 + "\n" })
        {
            using var key = SigningKey.FromBase64Secret(text);
            Assert.Equal(expected, Sign(key));
        }
        using var withKid = SigningKey.FromBase64Secret(base64, keyId: "b64");
        Assert.Equal("b64", withKid.KeyId);
        Assert.Equal(Base64Url.EncodeToString(bytes), raw.ExportPrivateKey());
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("A")]
    [InlineData("AAA=A")]
    public void BadBase64SecretIsAKeyError(string text)
    {
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromBase64Secret(text));
        Assert.Equal("key", e.Option);
        Assert.Contains("base64", e.Message);
    }

    [Fact]
    public void EmptySecretsAreRefused()
    {
        Assert.Equal("key", Assert.Throws<JwtSigningException>(() => SigningKey.FromSecret("")).Option);
        Assert.Equal("key", Assert.Throws<JwtSigningException>(() => SigningKey.FromSecret(ReadOnlySpan<byte>.Empty)).Option);
        Assert.Equal("key", Assert.Throws<JwtSigningException>(() => SigningKey.FromBase64Secret("")).Option);
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromJsonWebTokenString(""));
        Assert.StartsWith("secretOrPrivateKey must have a value", e.Message);
    }

    [Fact]
    public void ShortSecretsAreAllowedLikeJsonwebtoken()
    {
        using var key = SigningKey.FromSecret("x");
        Assert.True(new Jwt(Sign(key)).VerifiesWith("x"u8.ToArray()));
    }

    [Fact]
    public void JsonWebTokenStringPrivatePemIsAKey()
    {
        foreach (var file in new[] { "rsa2048-private.pem", "rsa2048-private-pkcs1.pem", "ec-p256-private-sec1.pem", "rsapss2048-private.pem" })
        {
            using var key = SigningKey.FromJsonWebTokenString(KeyFiles.Pem(file));
            Assert.NotEqual(SigningKeyKind.Symmetric, key.Kind);
        }
        using var crlf = SigningKey.FromJsonWebTokenString(KeyFiles.Pem("rsa2048-private.pem").Replace("\n", "\r\n").TrimEnd());
        Assert.Equal(SigningKeyKind.Rsa, crlf.Kind);
    }

    [Theory]
    [InlineData("rsa2048-public.pem")]
    [InlineData("ec-p256-public.pem")]
    public void JsonWebTokenStringPublicPemIsASecretOfItsText(string file)
    {
        string pem = KeyFiles.Pem(file);
        using var key = SigningKey.FromJsonWebTokenString(pem);
        Assert.Equal(SigningKeyKind.Symmetric, key.Kind);
        var jwt = new Jwt(Sign(key));
        Assert.Equal("HS256", jwt.Alg);
        Assert.True(jwt.VerifiesWith(Encoding.UTF8.GetBytes(pem)));
    }

    [Theory]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAECAwQFBgcICQ==\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n")]
    [InlineData("secret")]
    public void JsonWebTokenStringMalformedPemIsASecret(string text)
    {
        using var key = SigningKey.FromJsonWebTokenString(text);
        Assert.Equal(SigningKeyKind.Symmetric, key.Kind);
        Assert.True(new Jwt(Sign(key)).VerifiesWith(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void JsonWebTokenStringEscapedNewlinePemIsASecret()
    {
        string escaped = KeyFiles.Pem("rsa2048-private.pem").Replace("\n", "\\n");
        using var key = SigningKey.FromJsonWebTokenString(escaped);
        Assert.Equal(SigningKeyKind.Symmetric, key.Kind);
    }

    [Fact]
    public void JsonWebTokenStringEncryptedPemIsRefused()
    {
        // jsonwebtoken signs with an encrypted key's text as an HMAC secret; a private key's text is never a secret (issue 15).
        using var rsa = Rsa2048();
        string encrypted = rsa.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000));
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromJsonWebTokenString(encrypted));
        Assert.Equal("key", e.Option);
        Assert.Contains("encrypted private key", e.Message);
    }
}
