using System.Security.Cryptography;

namespace TokenIssuer.Tests.Keys;

/// <summary>Private keys in PEM: PKCS#8, PKCS#1, SEC1, encrypted PKCS#8, RSASSA-PSS, and text variants.</summary>
public class PemKeyTests
{
    private static readonly PbeParameters FastPbe = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000);

    private static string Rs256(SigningKey key)
        => JwtSigner.Sign(Payload.Of(("a", 1)), key, new JwtSignOptions { Algorithm = JwtAlgorithm.RS256, TimeProvider = TestClock.Create() });

    [Theory]
    [InlineData("rsa2048-private.pem", SigningKeyKind.Rsa, 2048)]
    [InlineData("rsa2048-private-pkcs1.pem", SigningKeyKind.Rsa, 2048)]
    [InlineData("rsa3072-private.pem", SigningKeyKind.Rsa, 3072)]
    [InlineData("rsa1024-private.pem", SigningKeyKind.Rsa, 1024)]
    [InlineData("rsapss2048-private.pem", SigningKeyKind.RsaPss, 2048)]
    [InlineData("rsapss2048-noparams-private.pem", SigningKeyKind.RsaPss, 2048)]
    [InlineData("ec-p256-private.pem", SigningKeyKind.EllipticCurve, 256)]
    [InlineData("ec-p256-private-sec1.pem", SigningKeyKind.EllipticCurve, 256)]
    [InlineData("ec-p384-private.pem", SigningKeyKind.EllipticCurve, 384)]
    [InlineData("ec-p521-private.pem", SigningKeyKind.EllipticCurve, 521)]
    public void ReadsEveryKeyFile(string file, SigningKeyKind kind, int bits)
    {
        using var key = SigningKey.FromPem(KeyFiles.Pem(file));
        Assert.Equal(kind, key.Kind);
        Assert.Equal(bits, key.KeySizeInBits);
        Assert.Null(key.KeyId);
        using var fromFile = SigningKey.FromPemFile(KeyFiles.Path(file), keyId: "file-kid");
        Assert.Equal(kind, fromFile.Kind);
        Assert.Equal("file-kid", fromFile.KeyId);
    }

    [Fact]
    public void Pkcs1AndPkcs8OfTheSameKeySignTheSame()
    {
        Assert.Equal(Rs256(SigningKeys.Rsa2048), Rs256(SigningKeys.Key("rsa2048-private-pkcs1.pem")));
    }

    [Fact]
    public void Sec1AndPkcs8OfTheSameKeyVerifyWithTheSamePublicKey()
    {
        using var ec = KeyFiles.EcPublic("ec-p256-public.pem");
        foreach (var file in new[] { "ec-p256-private.pem", "ec-p256-private-sec1.pem" })
        {
            var jwt = new Jwt(JwtSigner.Sign(Payload.Empty(), SigningKeys.Key(file), TestSignOptions.Create()));
            Assert.True(jwt.VerifiesWith(ec));
        }
    }

    [Theory]
    [InlineData("\r\n", true)]
    [InlineData("\n", false)]
    [InlineData("\r\n", false)]
    public void LineEndingsAndMissingFinalNewline(string newline, bool finalNewline)
    {
        string pem = KeyFiles.Pem("rsa2048-private.pem").Replace("\r\n", "\n").TrimEnd('\n').Replace("\n", newline);
        if (finalNewline) pem += newline;
        using var key = SigningKey.FromPem(pem);
        Assert.Equal(Rs256(SigningKeys.Rsa2048), Rs256(key));
    }

    [Fact]
    public void TextAroundThePemIsIgnored()
    {
        string pem = "Here is the key:\n" + KeyFiles.Pem("rsa2048-private.pem") + "\nBag Attributes: none\n";
        using var key = SigningKey.FromPem(pem);
        Assert.Equal(Rs256(SigningKeys.Rsa2048), Rs256(key));
    }

    [Fact]
    public void FirstPrivateKeyAfterACertificateOrPublicKeyIsUsed()
    {
        string pem = KeyFiles.Pem("rsa2048-public.pem") + KeyFiles.Pem("rsa2048-private.pem");
        using var key = SigningKey.FromPem(pem);
        Assert.Equal(SigningKeyKind.Rsa, key.Kind);
    }

    [Theory]
    [InlineData("rsa2048-public.pem")]
    [InlineData("ec-p256-public.pem")]
    [InlineData("rsapss2048-public.pem")]
    public void PublicKeyPemIsAClearError(string file)
    {
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromPem(KeyFiles.Pem(file)));
        Assert.Equal("key", e.Option);
        Assert.Contains("PUBLIC KEY", e.Message);
        Assert.Contains("not a private key", e.Message);
    }

    [Fact]
    public void LiteralBackslashNIsAClearError()
    {
        string escaped = KeyFiles.Pem("rsa2048-private.pem").Replace("\r\n", "\n").TrimEnd('\n').Replace("\n", "\\n");
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromPem(escaped));
        Assert.Equal("key", e.Option);
        Assert.Contains("\\n", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key")]
    [InlineData("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")]
    public void NoPemBlockIsAClearError(string text)
    {
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromPem(text));
        Assert.Equal("key", e.Option);
        Assert.Contains("PEM", e.Message);
    }

    [Fact]
    public void CorruptKeyBodyIsAClearError()
    {
        string pem = "-----BEGIN PRIVATE KEY-----\nAAECAwQFBgcICQ==\n-----END PRIVATE KEY-----\n";
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromPem(pem));
        Assert.Equal("key", e.Option);
        Assert.Contains("not a valid private key", e.Message);
        var wrongLabel = KeyFiles.Pem("ec-p256-private-sec1.pem").Replace("EC PRIVATE KEY", "RSA PRIVATE KEY");
        Assert.Throws<JwtSigningException>(() => SigningKey.FromPem(wrongLabel));
    }

    [Fact]
    public void Ed25519IsAnUnknownKeyType()
    {
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromPem(TestKeys.Ed25519Pem));
        Assert.Equal("key", e.Option);
        Assert.StartsWith("Unknown key type \"ed25519\".", e.Message);
    }

    [Fact]
    public void MissingFileIsAKeyError()
    {
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromPemFile(Path.Combine(KeyFiles.Directory, "no-such-file.pem")));
        Assert.Equal("key", e.Option);
        Assert.Contains("no-such-file.pem", e.Message);
    }

    [Fact]
    public void EncryptedRsaPkcs8()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(KeyFiles.Pem("rsa2048-private.pem"));
        string encrypted = rsa.ExportEncryptedPkcs8PrivateKeyPem("correct horse", FastPbe);
        Assert.Contains("ENCRYPTED PRIVATE KEY", encrypted);

        using var key = SigningKey.FromPem(encrypted, passphrase: "correct horse");
        Assert.Equal(SigningKeyKind.Rsa, key.Kind);
        Assert.Equal(Rs256(SigningKeys.Rsa2048), Rs256(key));

        var wrong = Assert.Throws<JwtSigningException>(() => SigningKey.FromPem(encrypted, passphrase: "wrong"));
        Assert.Equal("key", wrong.Option);
        Assert.Contains("could not be decrypted", wrong.Message);

        var none = Assert.Throws<JwtSigningException>(() => SigningKey.FromPem(encrypted));
        Assert.Equal("key", none.Option);
        Assert.Contains("passphrase", none.Message);
        Assert.NotEqual(wrong.Message, none.Message);
    }

    [Fact]
    public void EncryptedEcPkcs8()
    {
        using var ec = ECDsa.Create();
        ec.ImportFromPem(KeyFiles.Pem("ec-p384-private.pem"));
        string encrypted = ec.ExportEncryptedPkcs8PrivateKeyPem("pw", FastPbe);
        using var key = SigningKey.FromPem(encrypted, "pw");
        Assert.Equal(SigningKeyKind.EllipticCurve, key.Kind);
        Assert.Equal(JwtAlgorithm.ES384, key.DefaultAlgorithm);
        var jwt = new Jwt(JwtSigner.Sign(Payload.Empty(), key, TestSignOptions.Create()));
        using var pub = KeyFiles.EcPublic("ec-p384-public.pem");
        Assert.True(jwt.VerifiesWith(pub));
        Assert.Throws<JwtSigningException>(() => SigningKey.FromPem(encrypted, "pW"));
    }

    [Fact]
    public void PassphraseIsIgnoredForAnUnencryptedKey()
    {
        using var key = SigningKey.FromPem(KeyFiles.Pem("rsa2048-private.pem"), passphrase: "unused");
        Assert.Equal(Rs256(SigningKeys.Rsa2048), Rs256(key));
    }

    [Fact]
    public void RsaPssKeyWithParametersSignsPs256Only()
    {
        var key = SigningKeys.RsaPss;
        var jwt = new Jwt(JwtSigner.Sign(Payload.Empty(), key, new JwtSignOptions { Algorithm = JwtAlgorithm.PS256, TimeProvider = TestClock.Create() }));
        using var pub = KeyFiles.RsaPublic("rsapss2048-public.pem");
        Assert.True(jwt.VerifiesWith(pub));
        Assert.Equal(32, Signatures.PssSaltLength(pub.ExportParameters(false), HashAlgorithmName.SHA256, jwt.SigningInput, jwt.Signature));

        var ps384 = Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(Payload.Empty(), key, new JwtSignOptions { Algorithm = JwtAlgorithm.PS384 }));
        Assert.StartsWith("Invalid key for this operation, its RSA-PSS parameters do not meet the requirements of \"alg\" PS384.", ps384.Message);

        var rs256 = Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(Payload.Empty(), key, new JwtSignOptions { Algorithm = JwtAlgorithm.RS256 }));
        Assert.StartsWith("\"alg\" parameter for \"rsa-pss\" key type must be one of: PS256, PS384, PS512.", rs256.Message);

        // The key's own parameters still forbid these, even with the escape hatch.
        Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(Payload.Empty(), key, new JwtSignOptions { Algorithm = JwtAlgorithm.PS384, AllowInvalidAsymmetricKeyTypes = true }));
        Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(Payload.Empty(), key, new JwtSignOptions { Algorithm = JwtAlgorithm.RS256, AllowInvalidAsymmetricKeyTypes = true }));
    }

    [Theory]
    [InlineData(JwtAlgorithm.PS256)]
    [InlineData(JwtAlgorithm.PS512)]
    public void RsaPssKeyWithoutParametersNeedsAllowInvalidAsymmetricKeyTypes(JwtAlgorithm algorithm)
    {
        var key = SigningKeys.RsaPssNoParams;
        var e = Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(Payload.Empty(), key, new JwtSignOptions { Algorithm = algorithm }));
        Assert.StartsWith($"Invalid key for this operation, its RSA-PSS parameters do not meet the requirements of \"alg\" {algorithm}.", e.Message);

        var jwt = new Jwt(JwtSigner.Sign(Payload.Empty(), key, new JwtSignOptions { Algorithm = algorithm, AllowInvalidAsymmetricKeyTypes = true, TimeProvider = TestClock.Create() }));
        Assert.Equal(algorithm.ToString(), jwt.Alg);
        using var pub = KeyFiles.RsaPublic("rsapss2048-noparams-public.pem");
        Assert.True(jwt.VerifiesWith(pub));
    }

    [Fact]
    public void RsaPssKeyWithoutParametersDefaultsToPs256AndIsRefused()
    {
        Assert.Equal(JwtAlgorithm.PS256, SigningKeys.RsaPssNoParams.DefaultAlgorithm);
        Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(Payload.Empty(), SigningKeys.RsaPssNoParams, TestSignOptions.Create()));
    }

    [Fact]
    public void ExportPrivateKeyRoundTrips()
    {
        string exported = SigningKeys.Rsa2048.ExportPrivateKey();
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", exported);
        using var again = SigningKey.FromPem(exported);
        Assert.Equal(Rs256(SigningKeys.Rsa2048), Rs256(again));

        using var ec = SigningKey.FromPem(SigningKeys.EcP521.ExportPrivateKey());
        Assert.Equal(JwtAlgorithm.ES512, ec.DefaultAlgorithm);
    }

    [Fact]
    public void FromRsaAndFromECDsaWrapDotNetKeys()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(KeyFiles.Pem("rsa2048-private.pem"));
        using (var key = SigningKey.FromRsa(rsa))
        {
            Assert.Null(key.KeyId);
            Assert.Equal(Rs256(SigningKeys.Rsa2048), Rs256(key));
        }
        var rsaWithKid = RSA.Create();
        rsaWithKid.ImportFromPem(KeyFiles.Pem("rsa2048-private.pem"));
        using (var key = SigningKey.FromRsa(rsaWithKid, "r1"))
        {
            Assert.Equal("r1", key.KeyId);
            var jwt = new Jwt(Rs256(key));
            Assert.Equal("""{"alg":"RS256","typ":"JWT","kid":"r1"}""", jwt.HeaderJson);
            using var pub = KeyFiles.RsaPublic("rsa2048-public.pem");
            Assert.True(jwt.VerifiesWith(pub));
        }

        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using (var key = SigningKey.FromECDsa(ec))
        {
            Assert.Equal(JwtAlgorithm.ES384, key.DefaultAlgorithm);
            var jwt = new Jwt(JwtSigner.Sign(Payload.Empty(), key, TestSignOptions.Create()));
            Assert.True(ec.VerifyData(jwt.SigningInput, jwt.Signature, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }
    }

    [Theory]
    [InlineData(JwtAlgorithm.HS256, SigningKeyKind.Symmetric, 256)]
    [InlineData(JwtAlgorithm.HS512, SigningKeyKind.Symmetric, 512)]
    [InlineData(JwtAlgorithm.ES256, SigningKeyKind.EllipticCurve, 256)]
    [InlineData(JwtAlgorithm.ES512, SigningKeyKind.EllipticCurve, 521)]
    [InlineData(JwtAlgorithm.PS384, SigningKeyKind.Rsa, 2048)]
    public void GenerateMakesAKeyForTheAlgorithm(JwtAlgorithm algorithm, SigningKeyKind kind, int bits)
    {
        using var key = SigningKey.Generate(algorithm, "gen");
        Assert.Equal(kind, key.Kind);
        Assert.Equal(bits, key.KeySizeInBits);
        Assert.Equal(algorithm, key.DefaultAlgorithm);
        Assert.Equal("gen", key.KeyId);
        var jwt = new Jwt(JwtSigner.Sign(Payload.Empty(), key, TestSignOptions.Create()));
        Assert.Equal(algorithm.ToString(), jwt.Alg);
        Assert.Equal("gen", jwt.Header.GetProperty("kid").GetString());
    }

    [Fact]
    public void ToStringShowsNoKeyMaterial()
    {
        string text = SigningKeys.Rsa2048.ToString();
        Assert.Contains("2048", text);
        foreach (var line in KeyFiles.Pem("rsa2048-private.pem").Split('\n').Where(l => l.Length > 20 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(line.Trim(), text);
        }
        using var secret = SigningKey.FromSecret("s3cr3t-value-XYZ");
        Assert.DoesNotContain("s3cr3t", secret.ToString());
    }
}
