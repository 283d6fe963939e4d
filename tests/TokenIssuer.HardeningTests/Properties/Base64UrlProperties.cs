using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace TokenIssuer.HardeningTests.Properties;

/// <summary>
/// Every segment of every token is canonical base64url (RFC 7515 §2: the URL-safe alphabet, no padding,
/// no line breaks) and decodes, with a decoder of this suite's own, back to exactly what was signed.
/// </summary>
public sealed class Base64UrlProperties
{
    private static readonly SigningKey Key = SigningKey.FromSecret(TestKeys.Secret64);

    /// <summary>String payloads of every length 0..300 (all three residues modulo 3), signed as they are.</summary>
    [Property(MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
    public Property StringPayloadSegmentsRoundTrip()
        => Prop.ForAll(ClaimGen.WellFormedText.Where(t => t.Length <= 300).ToArbitrary(), text =>
        {
            var token = new Jwt(JwtSigner.Sign(text, Key, new JwtSignOptions { Algorithm = JwtAlgorithm.HS256 }));
            AssertCanonical(token);
            Assert.Equal(Encoding.UTF8.GetBytes(text), token.PayloadBytes);
            Assert.Equal("{\"alg\":\"HS256\"}", Encoding.UTF8.GetString(token.HeaderBytes));
            Assert.Equal(HMACSHA256.HashData(TestKeys.Secret64, token.SigningInput), token.Signature);
        });

    /// <summary>Object payloads: the payload segment decodes to JSON holding every claim given.</summary>
    [Property(MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
    public Property ObjectPayloadSegmentsRoundTrip()
    {
        var claims = from count in Gen.Choose(0, 8)
                     from names in Gen.ArrayOf(ClaimGen.WellFormedText.Where(n => n.Length is > 0 and < 30 && n is not ("iat" or "exp" or "nbf")), count)
                     from values in Gen.ArrayOf(ClaimGen.WellFormedText.Where(v => v.Length < 200), count)
                     select names.Zip(values).DistinctBy(p => p.First).ToDictionary(p => p.First, p => (object?)p.Second);
        return Prop.ForAll(claims.ToArbitrary(), payload =>
        {
            foreach (var algorithm in new[] { JwtAlgorithm.HS256, JwtAlgorithm.HS384, JwtAlgorithm.HS512 })
            {
                var token = new Jwt(JwtSigner.Sign(payload, Key, new JwtSignOptions { Algorithm = algorithm, NoTimestamp = true }));
                AssertCanonical(token);
                var decoded = token.Payload;
                Assert.Equal(payload.Count, decoded.EnumerateObject().Count());
                foreach (var (name, value) in payload) Assert.Equal((string)value!, decoded.GetProperty(name).GetString());
                Assert.True(token.VerifiesWith(TestKeys.Secret64));
                Assert.Equal(JwtAlgorithmNames.HashBits(algorithm) / 8, token.Signature.Length);
            }
        });
    }

    /// <summary>Asymmetric signatures too: RS/PS signatures are as long as the modulus, ES ones are raw r‖s.</summary>
    [Property(MaxTest = 60, Replay = Seeds.Replay)]
    public Property AsymmetricSignatureSegmentsRoundTrip()
        => Prop.ForAll(Gen.Elements(JwtAlgorithmNames.All).ToArbitrary(), ClaimGen.WellFormedText.Where(t => t.Length < 100).ToArbitrary(), (alg, text) =>
        {
            JwtAlgorithmNames.TryParse(alg, out var algorithm);
            var (signer, verifier, size) = AlgorithmKeys.For(algorithm);
            var token = new Jwt(JwtSigner.Sign(new Dictionary<string, object?> { ["t"] = text }, signer, new JwtSignOptions { Algorithm = algorithm }));
            AssertCanonical(token);
            Assert.Equal(size, token.Signature.Length);
            Assert.True(token.VerifiesWith(verifier), $"{alg} signature does not verify");
            Assert.Equal(text, token.Payload.GetProperty("t").GetString());
        });

    private static void AssertCanonical(Jwt token)
    {
        Assert.Equal(token.Token, token.Token.Trim());
        Assert.DoesNotContain('=', token.Token);
        Assert.DoesNotContain('+', token.Token);
        Assert.DoesNotContain('/', token.Token);
        // Re-encoding the decoded bytes gives the same text: no non-zero trailing bits, no alternative form.
        Assert.Equal(token.HeaderSegment, StrictBase64Url.Encode(token.HeaderBytes));
        Assert.Equal(token.PayloadSegment, StrictBase64Url.Encode(token.PayloadBytes));
        Assert.Equal(token.SignatureSegment, StrictBase64Url.Encode(token.Signature));
        using var _ = JsonDocument.Parse(token.HeaderBytes);
    }
}

/// <summary>One signing key per algorithm, with what verifies it and the signature size.</summary>
internal static class AlgorithmKeys
{
    private static readonly Lazy<Dictionary<JwtAlgorithm, (SigningKey Signer, object Verifier, int Size)>> Keys = new(() =>
    {
        var secret = SigningKey.FromSecret(TestKeys.Secret64);
        var rsa = SigningKey.FromPem(TestKeys.Pkcs8Pem(TestKeys.Rsa2048));
        var p256 = SigningKey.FromPem(TestKeys.Pkcs8Pem(TestKeys.P256));
        var p384 = SigningKey.FromPem(TestKeys.Pkcs8Pem(TestKeys.P384));
        var p521 = SigningKey.FromPem(TestKeys.Pkcs8Pem(TestKeys.P521));
        return new()
        {
            [JwtAlgorithm.HS256] = (secret, TestKeys.Secret64, 32),
            [JwtAlgorithm.HS384] = (secret, TestKeys.Secret64, 48),
            [JwtAlgorithm.HS512] = (secret, TestKeys.Secret64, 64),
            [JwtAlgorithm.RS256] = (rsa, TestKeys.Rsa2048, 256),
            [JwtAlgorithm.RS384] = (rsa, TestKeys.Rsa2048, 256),
            [JwtAlgorithm.RS512] = (rsa, TestKeys.Rsa2048, 256),
            [JwtAlgorithm.PS256] = (rsa, TestKeys.Rsa2048, 256),
            [JwtAlgorithm.PS384] = (rsa, TestKeys.Rsa2048, 256),
            [JwtAlgorithm.PS512] = (rsa, TestKeys.Rsa2048, 256),
            [JwtAlgorithm.ES256] = (p256, TestKeys.P256, 64),
            [JwtAlgorithm.ES384] = (p384, TestKeys.P384, 96),
            [JwtAlgorithm.ES512] = (p521, TestKeys.P521, 132),
        };
    });

    public static (SigningKey Signer, object Verifier, int Size) For(JwtAlgorithm algorithm) => Keys.Value[algorithm];

    /// <summary>The public key Microsoft.IdentityModel validates with.</summary>
    public static Microsoft.IdentityModel.Tokens.SecurityKey SecurityKeyFor(JwtAlgorithm algorithm)
        => For(algorithm).Verifier switch
        {
            byte[] secret => new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(secret),
            System.Security.Cryptography.AsymmetricAlgorithm key => TestKeys.PublicSecurityKey(key),
            _ => throw new InvalidOperationException(),
        };
}
