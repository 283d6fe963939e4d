using System.Security.Cryptography;

namespace TokenIssuer.Tests.Keys;

/// <summary>
/// EC private keys written with explicit curve parameters (<c>openssl ecparam -param_enc explicit</c>, the
/// form of jsonwebtoken's own test key <c>ecdsa-private.pem</c>): jsonwebtoken signs ES256/384/512 with
/// them, so TokenIssuer reads them as the named curve their parameters describe, in SEC 1 and PKCS#8.
/// </summary>
public class ExplicitCurveKeyTests
{
    [Theory]
    [InlineData("ec-p256-explicit-private-sec1.pem", JwtAlgorithm.ES256, 256)]
    [InlineData("ec-p256-explicit-private.pem", JwtAlgorithm.ES256, 256)]
    [InlineData("ec-p384-explicit-private-sec1.pem", JwtAlgorithm.ES384, 384)]
    [InlineData("ec-p384-explicit-private.pem", JwtAlgorithm.ES384, 384)]
    [InlineData("ec-p521-explicit-private-sec1.pem", JwtAlgorithm.ES512, 521)]
    [InlineData("ec-p521-explicit-private.pem", JwtAlgorithm.ES512, 521)]
    public async Task ExplicitParameterKeysSignAsTheirNamedCurve(string file, JwtAlgorithm algorithm, int bits)
    {
        Assert.Contains("BEGIN", KeyFiles.Pem(file));
        using var key = SigningKey.FromPem(KeyFiles.Pem(file));
        Assert.Equal(SigningKeyKind.EllipticCurve, key.Kind);
        Assert.Equal(bits, key.KeySizeInBits);
        Assert.Equal(algorithm, key.DefaultAlgorithm);

        string token = JwtSigner.Sign(Payload.Of(("sub", "user-1")), key, new JwtSignOptions
        {
            Algorithm = algorithm,
            ExpiresIn = JwtDuration.FromSeconds(60),
            TimeProvider = TestClock.Create(),
        });
        Assert.Equal(JwtAlgorithmNames.Name(algorithm), new Jwt(token).Alg);
        await JsonWebTokenValidation.AssertValidAsync(token, KeyFiles.PublicSecurityKey(file), TestClock.Start);
    }

    [Theory]
    [InlineData("ec-p256-explicit-private-sec1.pem", "ES256")]
    [InlineData("ec-p384-explicit-private.pem", "ES384")]
    [InlineData("ec-p521-explicit-private.pem", "ES512")]
    public async Task JsonWebTokenStringExplicitParameterKeyIsAKeyWithItsCurvesAlgorithm(string file, string alg)
    {
        using var key = SigningKey.FromJsonWebTokenString(KeyFiles.Pem(file));
        Assert.Equal(SigningKeyKind.EllipticCurve, key.Kind);
        // No algorithm given: jsonwebtoken 9 takes it from the curve, and so does TokenIssuer.
        string token = JwtSigner.Sign(Payload.Empty(), key, new JwtSignOptions { ExpiresIn = JwtDuration.FromSeconds(60), TimeProvider = TestClock.Create() });
        Assert.Equal(alg, new Jwt(token).Alg);
        await JsonWebTokenValidation.AssertValidAsync(token, KeyFiles.PublicSecurityKey(file), TestClock.Start);
    }

    [Fact]
    public void ExplicitParameterKeyExportsAsTheNamedCurve()
    {
        using var key = SigningKey.FromPem(KeyFiles.Pem("ec-p256-explicit-private-sec1.pem"));
        using var same = SigningKey.FromPem(key.ExportPrivateKey());
        Assert.Equal(JwtAlgorithm.ES256, same.DefaultAlgorithm);
        // The exported PKCS#8 names the curve by OID (1.2.840.10045.3.1.7) instead of spelling out its parameters.
        Assert.True(key.ExportPrivateKey().Length < KeyFiles.Pem("ec-p256-explicit-private.pem").Length);
    }

    [Fact]
    public void ExplicitParametersWrittenByDotNetAreReadAsTheNamedCurve()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var explicitCurve = p256.ExportExplicitParameters(includePrivateParameters: false).Curve;
        using var explicitKey = ECDsa.Create(explicitCurve);
        string pem = explicitKey.ExportPkcs8PrivateKeyPem();
        using var key = SigningKey.FromPem(pem);
        Assert.Equal(JwtAlgorithm.ES256, key.DefaultAlgorithm);
    }
}
