using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.Tests.Interop;

/// <summary>
/// Tokens of every algorithm validate with Microsoft.IdentityModel's JsonWebTokenHandler and the public key.
/// Time is fixed: the lifetime is checked by a validator against the signing clock, not the real clock.
/// </summary>
public class JsonWebTokenHandlerTests
{
    private static readonly DateTime SigningTime = DateTimeOffset.FromUnixTimeMilliseconds(TestClock.StartMilliseconds).UtcDateTime;

    public static TheoryData<string, string> Algorithms => new()
    {
        { "HS256", "" }, { "HS384", "" }, { "HS512", "" },
        { "RS256", "rsa2048-private.pem" }, { "RS384", "rsa3072-private.pem" }, { "RS512", "rsa2048-private.pem" },
        { "PS256", "rsa2048-private.pem" }, { "PS384", "rsa2048-private.pem" }, { "PS512", "rsa3072-private.pem" },
        { "ES256", "ec-p256-private.pem" }, { "ES384", "ec-p384-private.pem" }, { "ES512", "ec-p521-private.pem" },
    };

    private static SecurityKey PublicKey(string keyFile)
    {
        if (keyFile.Length == 0) return new SymmetricSecurityKey(TestKeys.Secret64);
        string publicFile = KeyFiles.PublicOf(keyFile);
        if (publicFile.StartsWith("ec-", StringComparison.Ordinal)) return new ECDsaSecurityKey(KeyFiles.EcPublic(publicFile));
        return new RsaSecurityKey(KeyFiles.RsaPublic(publicFile));
    }

    private static TokenValidationParameters Parameters(string alg, SecurityKey key, List<(DateTime? NotBefore, DateTime? Expires)>? seen = null) => new()
    {
        IssuerSigningKey = key,
        ValidAlgorithms = new[] { alg },
        ValidIssuer = "https://issuer.example",
        ValidAudience = "orders-api",
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        // The lifetime is judged at the signing clock's time, never at the real clock's.
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            seen?.Add((notBefore, expires));
            return notBefore is { } nbf && expires is { } exp && nbf <= SigningTime.AddSeconds(30) && SigningTime.AddSeconds(30) < exp;
        },
    };

    private static string Sign(string alg, string keyFile, Dictionary<string, object?>? payload = null)
    {
        Assert.True(JwtAlgorithmNames.TryParse(alg, out var algorithm));
        var key = keyFile.Length == 0 ? SigningKeys.LongHmacSecret : SigningKeys.Key(keyFile);
        return JwtSigner.Sign(payload ?? Payload.Of(("scope", "orders.read")), key, new JwtSignOptions
        {
            Algorithm = algorithm,
            ExpiresIn = JwtDuration.Parse("15m"),
            NotBefore = JwtDuration.FromSeconds(10),
            Audience = "orders-api",
            Issuer = "https://issuer.example",
            Subject = "user-42",
            JwtId = "id-1",
            KeyId = "kid-" + alg,
            TimeProvider = TestClock.Create(),
        });
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task ValidatesWithThePublicKey(string alg, string keyFile)
    {
        string token = Sign(alg, keyFile);
        var jwt = new Jwt(token);
        Assert.Equal(1_700_000_000d, jwt.Number("iat"));
        Assert.Equal(1_700_000_010d, jwt.Number("nbf"));
        Assert.Equal(1_700_000_900d, jwt.Number("exp"));

        var seen = new List<(DateTime?, DateTime?)>();
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(alg, PublicKey(keyFile), seen));
        Assert.True(result.IsValid, $"{alg}: {result.Exception}");
        var validated = Assert.IsType<JsonWebToken>(result.SecurityToken);
        Assert.Equal(alg, validated.Alg);
        Assert.Equal("JWT", validated.Typ);
        Assert.Equal("kid-" + alg, validated.Kid);
        Assert.Equal("user-42", validated.Subject);
        Assert.Equal("id-1", validated.Id);
        Assert.Equal("orders.read", validated.GetClaim("scope").Value);
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 30, DateTimeKind.Utc), validated.ValidFrom);
        Assert.Equal(new DateTime(2023, 11, 14, 22, 28, 20, DateTimeKind.Utc), validated.ValidTo);
        Assert.Equal((DateTime?)validated.ValidFrom, Assert.Single(seen).Item1);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task TamperedTokenFails(string alg, string keyFile)
    {
        string token = Sign(alg, keyFile);
        var parts = token.Split('.');
        // Another payload under the same signature.
        string otherPayload = new Jwt(Sign(alg, keyFile, Payload.Of(("scope", "orders.write")))).Token.Split('.')[1];
        string tampered = parts[0] + "." + otherPayload + "." + parts[2];
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(tampered, Parameters(alg, PublicKey(keyFile)));
        Assert.False(result.IsValid);
        Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>(result.Exception);

        // A flipped signature byte fails too.
        var signature = new Jwt(token).Signature;
        signature[signature.Length / 2] ^= 0x01;
        string flipped = parts[0] + "." + parts[1] + "." + System.Buffers.Text.Base64Url.EncodeToString(signature);
        Assert.False((await new JsonWebTokenHandler().ValidateTokenAsync(flipped, Parameters(alg, PublicKey(keyFile)))).IsValid);
    }

    [Fact]
    public async Task WrongAlgorithmOrKeyIsRejected()
    {
        string token = Sign("RS256", "rsa2048-private.pem");
        Assert.False((await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters("PS256", PublicKey("rsa2048-private.pem")))).IsValid);
        Assert.False((await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters("RS256", PublicKey("rsa3072-private.pem")))).IsValid);
    }

    [Fact]
    public async Task LifetimeValidatorSeesTheSignedTimes()
    {
        // Expired at the signing clock: exp = iat - 1.
        var options = new JwtSignOptions { ExpiresIn = JwtDuration.Parse("-1s"), NotBefore = JwtDuration.FromSeconds(-60), Audience = "orders-api", Issuer = "https://issuer.example", TimeProvider = TestClock.Create() };
        string token = JwtSigner.Sign(Payload.Empty(), SigningKeys.LongHmacSecret, options);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters("HS256", PublicKey("")));
        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task AudienceListValidates()
    {
        string token = JwtSigner.Sign(Payload.Empty(), SigningKeys.EcP256, new JwtSignOptions
        {
            Audience = new[] { "billing-api", "orders-api" }, Issuer = "https://issuer.example", ExpiresIn = JwtDuration.Parse("1h"), NotBefore = JwtDuration.FromSeconds(0), TimeProvider = TestClock.Create(),
        });
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters("ES256", PublicKey("ec-p256-private.pem")));
        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.Equal(new[] { "billing-api", "orders-api" }, ((JsonWebToken)result.SecurityToken).Audiences.ToArray());
    }

    [Fact]
    public async Task RsaPssKeyTokenValidates()
    {
        string token = JwtSigner.Sign(Payload.Empty(), SigningKeys.RsaPss, new JwtSignOptions
        {
            Audience = "orders-api", Issuer = "https://issuer.example", ExpiresIn = JwtDuration.Parse("1h"), NotBefore = JwtDuration.FromSeconds(0), TimeProvider = TestClock.Create(),
        });
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters("PS256", new RsaSecurityKey(KeyFiles.RsaPublic("rsapss2048-public.pem"))));
        Assert.True(result.IsValid, result.Exception?.ToString());
    }
}
