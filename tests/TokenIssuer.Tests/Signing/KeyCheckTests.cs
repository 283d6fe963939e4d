using System.Security.Cryptography;

namespace TokenIssuer.Tests.Signing;

/// <summary>Key family, RSA size, key type and curve checks, and their escape hatches (shared/reference/jsonwebtoken-sign-spec.md §5).</summary>
public class KeyCheckTests
{
    private static Jwt Sign(SigningKey key, JwtAlgorithm algorithm, bool allowInvalid = false, bool allowInsecure = false)
        => new(JwtSigner.Sign(Payload.Empty(), key, new JwtSignOptions
        {
            Algorithm = algorithm,
            AllowInvalidAsymmetricKeyTypes = allowInvalid,
            AllowInsecureKeySizes = allowInsecure,
            TimeProvider = TestClock.Create(),
        }));

    private static JwtSigningException Refused(SigningKey key, JwtAlgorithm algorithm, bool allowInvalid = false, bool allowInsecure = false)
    {
        var e = Assert.Throws<JwtSigningException>(() => Sign(key, algorithm, allowInvalid, allowInsecure));
        Assert.Equal("key", e.Option);
        return e;
    }

    [Theory]
    [InlineData("rsa2048-private.pem", JwtAlgorithm.HS256)]
    [InlineData("ec-p256-private.pem", JwtAlgorithm.HS384)]
    [InlineData("rsapss2048-private.pem", JwtAlgorithm.HS512)]
    [InlineData("rsa1024-private.pem", JwtAlgorithm.HS256)]
    public void HmacNeedsASecret(string keyFile, JwtAlgorithm algorithm)
    {
        var e = Refused(SigningKeys.Key(keyFile), algorithm, allowInvalid: true, allowInsecure: true);
        Assert.StartsWith($"secretOrPrivateKey must be a symmetric key when using {algorithm}", e.Message);
    }

    [Theory]
    [InlineData(JwtAlgorithm.RS256)]
    [InlineData(JwtAlgorithm.PS384)]
    [InlineData(JwtAlgorithm.ES256)]
    [InlineData(JwtAlgorithm.ES512)]
    public void AsymmetricAlgorithmsNeedAPrivateKey(JwtAlgorithm algorithm)
    {
        var e = Refused(SigningKeys.HmacSecret, algorithm, allowInvalid: true);
        Assert.StartsWith($"secretOrPrivateKey must be an asymmetric key when using {algorithm}", e.Message);
    }

    [Theory]
    [InlineData(JwtAlgorithm.RS256)]
    [InlineData(JwtAlgorithm.RS512)]
    [InlineData(JwtAlgorithm.PS256)]
    public void RsaBelow2048BitsIsRefused(JwtAlgorithm algorithm)
    {
        var e = Refused(SigningKeys.Rsa1024, algorithm);
        Assert.StartsWith($"secretOrPrivateKey has a minimum key size of 2048 bits for {algorithm}", e.Message);
        Assert.Contains("1024", e.Message);
    }

    [Theory]
    [InlineData(JwtAlgorithm.RS256)]
    [InlineData(JwtAlgorithm.RS512)]
    [InlineData(JwtAlgorithm.PS256)]
    [InlineData(JwtAlgorithm.PS384)]
    public void RsaBelow2048BitsIsAllowedWithAllowInsecureKeySizes(JwtAlgorithm algorithm)
    {
        var jwt = Sign(SigningKeys.Rsa1024, algorithm, allowInsecure: true);
        Assert.Equal(128, jwt.Signature.Length);
        using var rsa = KeyFiles.RsaPublic("rsa1024-public.pem");
        Assert.True(jwt.VerifiesWith(rsa));
    }

    /// <summary>
    /// PS512 needs an encoded message of at least 64 + 64 + 2 bytes: a 1024-bit key (128 bytes) cannot make
    /// one (jsonwebtoken fails too). That must be the engine's own error, not a raw CryptographicException.
    /// </summary>
    [Fact]
    public void Ps512WithRsa1024IsAKeyErrorNotACryptographicException()
    {
        var e = Record.Exception(() => Sign(SigningKeys.Rsa1024, JwtAlgorithm.PS512, allowInsecure: true));
        var signing = Assert.IsType<JwtSigningException>(e);
        Assert.Equal("key", signing.Option);
        Assert.Contains("PS512", signing.Message);
    }

    [Fact]
    public void KeySizeIsCheckedBeforeKeyType()
    {
        // RSA-1024 with ES256: the size check only concerns RS/PS, so the key-type error shows.
        var e = Refused(SigningKeys.Rsa1024, JwtAlgorithm.ES256);
        Assert.StartsWith("\"alg\" parameter for \"rsa\" key type must be one of: RS256, PS256, RS384, PS384, RS512, PS512.", e.Message);
    }

    [Theory]
    [InlineData(JwtAlgorithm.ES256)]
    [InlineData(JwtAlgorithm.ES512)]
    public void RsaKeyWithEsIsRefusedEvenWhenAllowed(JwtAlgorithm algorithm)
    {
        Assert.StartsWith("\"alg\" parameter for \"rsa\" key type must be one of: RS256, PS256, RS384, PS384, RS512, PS512.", Refused(SigningKeys.Rsa2048, algorithm).Message);
        Assert.NotEmpty(Refused(SigningKeys.Rsa2048, algorithm, allowInvalid: true).Message);
    }

    [Theory]
    [InlineData(JwtAlgorithm.RS256)]
    [InlineData(JwtAlgorithm.PS256)]
    public void EcKeyWithRsaAlgorithmIsRefusedEvenWhenAllowed(JwtAlgorithm algorithm)
    {
        Assert.StartsWith("\"alg\" parameter for \"ec\" key type must be one of: ES256, ES384, ES512.", Refused(SigningKeys.EcP256, algorithm).Message);
        Assert.NotEmpty(Refused(SigningKeys.EcP256, algorithm, allowInvalid: true).Message);
    }

    [Theory]
    [InlineData("ec-p384-private.pem", JwtAlgorithm.ES256, "prime256v1")]
    [InlineData("ec-p256-private.pem", JwtAlgorithm.ES384, "secp384r1")]
    [InlineData("ec-p256-private.pem", JwtAlgorithm.ES512, "secp521r1")]
    [InlineData("ec-p521-private.pem", JwtAlgorithm.ES384, "secp384r1")]
    public void CurveMustFitTheAlgorithm(string keyFile, JwtAlgorithm algorithm, string curve)
    {
        var e = Refused(SigningKeys.Key(keyFile), algorithm);
        Assert.StartsWith($"\"alg\" parameter \"{algorithm}\" requires curve \"{curve}\".", e.Message);
    }

    [Theory]
    [InlineData(JwtAlgorithm.ES384, 96)]
    [InlineData(JwtAlgorithm.ES512, 132)]
    public void SmallerCurveUnderLargerAlgorithmSignsWhenAllowed(JwtAlgorithm algorithm, int size)
    {
        var jwt = Sign(SigningKeys.EcP256, algorithm, allowInvalid: true);
        Assert.Equal(size, jwt.Signature.Length);
        int half = size / 2;
        // r and s are left-padded with zeros to the algorithm's size; the P-256 signature is in the last 32 bytes.
        Assert.All(jwt.Signature[..(half - 32)], b => Assert.Equal(0, b));
        Assert.All(jwt.Signature[half..(2 * half - 32)], b => Assert.Equal(0, b));
        var raw = jwt.Signature[(half - 32)..half].Concat(jwt.Signature[(2 * half - 32)..]).ToArray();
        using var ec = KeyFiles.EcPublic("ec-p256-public.pem");
        byte[] hash = CryptographicOperations.HashData(Signatures.Hash(jwt.Alg), jwt.SigningInput);
        Assert.True(ec.VerifyHash(hash, raw, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Theory]
    [InlineData("ec-p384-private.pem", JwtAlgorithm.ES256)]
    [InlineData("ec-p521-private.pem", JwtAlgorithm.ES384)]
    [InlineData("ec-p521-private.pem", JwtAlgorithm.ES256)]
    public void LargerCurveUnderSmallerAlgorithmIsStillAnError(string keyFile, JwtAlgorithm algorithm)
    {
        var e = Refused(SigningKeys.Key(keyFile), algorithm, allowInvalid: true);
        Assert.NotEmpty(e.Message);
    }

    [Fact]
    public void Secp256k1IsRefusedForEs256UnlessAllowed()
    {
        using var k1 = ECDsa.Create(ECCurve.CreateFromFriendlyName("secp256k1"));
        using var key = SigningKey.FromPem(k1.ExportPkcs8PrivateKeyPem());
        Assert.Equal(SigningKeyKind.EllipticCurve, key.Kind);
        Assert.StartsWith("\"alg\" parameter \"ES256\" requires curve \"prime256v1\".", Refused(key, JwtAlgorithm.ES256).Message);

        var jwt = Sign(key, JwtAlgorithm.ES256, allowInvalid: true);
        Assert.Equal(64, jwt.Signature.Length);
        Assert.True(k1.VerifyData(jwt.SigningInput, jwt.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void PlainRsaKeysSignBothRsAndPs()
    {
        Assert.Equal("RS384", Sign(SigningKeys.Rsa2048, JwtAlgorithm.RS384).Alg);
        Assert.Equal("PS384", Sign(SigningKeys.Rsa2048, JwtAlgorithm.PS384).Alg);
    }
}
