using System.Security.Cryptography;

namespace TokenIssuer.Tests.Signing;

/// <summary>Each of the 12 algorithms: header, signature size, and a signature that .NET's own crypto verifies.</summary>
public class AlgorithmTests
{
    public static TheoryData<string, string, int> Algorithms => new()
    {
        // algorithm, key file ("" = the 64-byte HMAC secret), signature bytes
        { "HS256", "", 32 },
        { "HS384", "", 48 },
        { "HS512", "", 64 },
        { "RS256", "rsa2048-private.pem", 256 },
        { "RS384", "rsa3072-private.pem", 384 },
        { "RS512", "rsa2048-private-pkcs1.pem", 256 },
        { "PS256", "rsa2048-private.pem", 256 },
        { "PS384", "rsa3072-private.pem", 384 },
        { "PS512", "rsa2048-private.pem", 256 },
        { "ES256", "ec-p256-private.pem", 64 },
        { "ES384", "ec-p384-private.pem", 96 },
        { "ES512", "ec-p521-private.pem", 132 },
    };

    internal static SigningKey KeyFor(string file) => file.Length == 0 ? SigningKeys.LongHmacSecret : SigningKeys.Key(file);

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SignsAndVerifies(string alg, string keyFile, int signatureBytes)
    {
        Assert.True(JwtAlgorithmNames.TryParse(alg, out var algorithm));
        var options = TestSignOptions.Create();
        options.Algorithm = algorithm;
        options.ExpiresIn = JwtDuration.Parse("1h");
        var jwt = new Jwt(JwtSigner.Sign(Payload.Of(("sub", "user-1")), KeyFor(keyFile), options));

        Assert.Equal(new[] { "alg", "typ" }, jwt.HeaderNames);
        Assert.Equal(alg, jwt.Alg);
        Assert.Equal("JWT", jwt.Header.GetProperty("typ").GetString());
        Assert.Equal("""{"sub":"user-1","iat":1700000000,"exp":1700003600}""", jwt.PayloadJson);
        Assert.Equal(signatureBytes, jwt.Signature.Length);

        var tampered = (byte[])jwt.SigningInput.Clone();
        tampered[^1] ^= 1;
        switch (alg[..2])
        {
            case "HS":
                Assert.True(jwt.VerifiesWith(TestKeys.Secret64));
                Assert.NotEqual(jwt.Signature, Signatures.Hmac(alg, TestKeys.Secret64, tampered));
                break;
            case "RS":
            case "PS":
            {
                using var rsa = KeyFiles.RsaPublic(KeyFiles.PublicOf(keyFile));
                Assert.True(jwt.VerifiesWith(rsa), $"{alg} signature does not verify");
                bool pss = alg.StartsWith("PS", StringComparison.Ordinal);
                Assert.False(rsa.VerifyData(tampered, jwt.Signature, Signatures.Hash(alg), pss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1));
                // The other padding must not verify: RS is PKCS#1 v1.5, PS is PSS.
                Assert.False(rsa.VerifyData(jwt.SigningInput, jwt.Signature, Signatures.Hash(alg), pss ? RSASignaturePadding.Pkcs1 : RSASignaturePadding.Pss));
                break;
            }
            case "ES":
            {
                // Raw r||s (IEEE P1363) of the curve's size, not DER.
                using var ec = KeyFiles.EcPublic(KeyFiles.PublicOf(keyFile));
                Assert.True(jwt.VerifiesWith(ec), $"{alg} signature does not verify");
                Assert.False(ec.VerifyData(tampered, jwt.Signature, Signatures.Hash(alg), DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
                break;
            }
        }
    }

    [Theory]
    [InlineData("PS256", 32)]
    [InlineData("PS384", 48)]
    [InlineData("PS512", 64)]
    public void PssSaltLengthEqualsHashLength(string alg, int saltBytes)
    {
        Assert.True(JwtAlgorithmNames.TryParse(alg, out var algorithm));
        var options = TestSignOptions.Create();
        options.Algorithm = algorithm;
        var jwt = new Jwt(JwtSigner.Sign(Payload.Empty(), SigningKeys.Rsa2048, options));
        using var rsa = KeyFiles.RsaPublic("rsa2048-public.pem");
        Assert.Equal(saltBytes, Signatures.PssSaltLength(rsa.ExportParameters(false), Signatures.Hash(alg), jwt.SigningInput, jwt.Signature));
    }

    [Fact]
    public void PssIsRandomizedAndRsaPkcs1IsDeterministic()
    {
        var ps = new JwtSignOptions { Algorithm = JwtAlgorithm.PS256, TimeProvider = TestClock.Create() };
        Assert.NotEqual(JwtSigner.Sign(Payload.Empty(), SigningKeys.Rsa2048, ps), JwtSigner.Sign(Payload.Empty(), SigningKeys.Rsa2048, ps));
        var rs = new JwtSignOptions { Algorithm = JwtAlgorithm.RS256, TimeProvider = TestClock.Create() };
        Assert.Equal(JwtSigner.Sign(Payload.Empty(), SigningKeys.Rsa2048, rs), JwtSigner.Sign(Payload.Empty(), SigningKeys.Rsa2048, rs));
    }

    [Fact]
    public void Rs256MatchesDotNetPkcs1SignatureExactly()
    {
        var jwt = new Jwt(JwtSigner.Sign(Payload.Of(("a", 1)), SigningKeys.Rsa2048,
            new JwtSignOptions { Algorithm = JwtAlgorithm.RS256, TimeProvider = TestClock.Create() }));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(KeyFiles.Pem("rsa2048-private.pem"));
        Assert.Equal(rsa.SignData(jwt.SigningInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), jwt.Signature);
    }

    [Fact]
    public void AlgorithmNamesRoundTrip()
    {
        Assert.Equal(12, JwtAlgorithmNames.All.Length);
        foreach (var name in JwtAlgorithmNames.All)
        {
            Assert.True(JwtAlgorithmNames.TryParse(name, out var algorithm));
            Assert.Equal(name, JwtAlgorithmNames.Name(algorithm));
            Assert.Equal(name, algorithm.ToString());
        }
        Assert.False(JwtAlgorithmNames.TryParse("hs256", out _));
        Assert.False(JwtAlgorithmNames.TryParse("none", out _));
        Assert.False(JwtAlgorithmNames.TryParse("EdDSA", out _));
        Assert.False(JwtAlgorithmNames.TryParse(null, out _));
        Assert.Equal("HS256", JwtAlgorithmNames.Suggest(" hs256 "));
        Assert.Null(JwtAlgorithmNames.Suggest("EdDSA"));
    }
}
