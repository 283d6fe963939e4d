namespace TokenIssuer.Tests.Keys;

/// <summary>
/// Legacy encrypted PEMs (<c>Proc-Type: 4,ENCRYPTED</c> and <c>DEK-Info</c> headers, what
/// <c>openssl genrsa -aes256</c> and <c>openssl ec -aes256</c> write): jsonwebtoken signs with them given the
/// passphrase, and so does TokenIssuer. The fixtures are the suite's RSA 2048 and EC keys, encrypted by openssl.
/// </summary>
public class LegacyEncryptedPemTests
{
    private const string Passphrase = "legacy-test-passphrase";

    [Theory]
    [InlineData("rsa2048-legacy-aes256.pem", "rsa2048-private.pem", JwtAlgorithm.RS256)]
    [InlineData("rsa2048-legacy-aes192.pem", "rsa2048-private.pem", JwtAlgorithm.PS384)]
    [InlineData("rsa2048-legacy-des3.pem", "rsa2048-private.pem", JwtAlgorithm.RS512)]
    [InlineData("ec-p256-legacy-aes256.pem", "ec-p256-private.pem", JwtAlgorithm.ES256)]
    [InlineData("ec-p384-legacy-aes128.pem", "ec-p384-private.pem", JwtAlgorithm.ES384)]
    public async Task LegacyEncryptedPemSignsWithItsPassphrase(string file, string plainFile, JwtAlgorithm algorithm)
    {
        Assert.Contains("Proc-Type: 4,ENCRYPTED", KeyFiles.Pem(file));
        using var key = SigningKey.FromPem(KeyFiles.Pem(file), Passphrase);
        using var fromFile = SigningKey.FromPemFile(KeyFiles.Path(file), Passphrase, keyId: "legacy");
        Assert.Equal("legacy", fromFile.KeyId);

        string token = JwtSigner.Sign(Payload.Of(("sub", "user-1")), key, new JwtSignOptions
        {
            Algorithm = algorithm,
            ExpiresIn = JwtDuration.FromSeconds(60),
            TimeProvider = TestClock.Create(),
        });
        await JsonWebTokenValidation.AssertValidAsync(token, KeyFiles.PublicSecurityKey(plainFile), TestClock.Start);
    }

    [Theory]
    [InlineData("rsa2048-legacy-aes256.pem")]
    [InlineData("rsa2048-legacy-des3.pem")]
    [InlineData("ec-p256-legacy-aes256.pem")]
    public void WrongPassphraseIsAClearError(string file)
    {
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromPem(KeyFiles.Pem(file), "not the passphrase"));
        Assert.Equal("key", e.Option);
        Assert.Contains("legacy encrypted", e.Message);
        Assert.Contains("passphrase is wrong", e.Message);
        Assert.DoesNotContain("not the passphrase", e.ToString());
        Assert.DoesNotContain("has no PEM block", e.Message);
    }

    [Theory]
    [InlineData("rsa2048-legacy-aes256.pem")]
    [InlineData("ec-p384-legacy-aes128.pem")]
    public void MissingPassphraseAsksForIt(string file)
    {
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromPemFile(KeyFiles.Path(file)));
        Assert.Equal("key", e.Option);
        Assert.Contains("encrypted private key", e.Message);
        Assert.Contains("passphrase", e.Message);
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void LegacyPemWithCrlfLineEndsSigns()
    {
        string crlf = KeyFiles.Pem("ec-p256-legacy-aes256.pem").Replace("\n", "\r\n");
        using var key = SigningKey.FromPem(crlf, Passphrase);
        Assert.Equal(JwtAlgorithm.ES256, key.DefaultAlgorithm);
    }

    [Fact]
    public void UnsupportedLegacyCipherSaysHowToConvert()
    {
        string pem = KeyFiles.Pem("rsa2048-legacy-aes256.pem").Replace("AES-256-CBC", "CAMELLIA-256-CBC");
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromPem(pem, Passphrase));
        Assert.Contains("CAMELLIA-256-CBC", e.Message);
        Assert.Contains("openssl pkcs8 -topk8", e.Message);
    }

    [Fact]
    public void JsonWebTokenStringLegacyEncryptedPemIsNotASecret()
    {
        // jsonwebtoken signs HS256 with the PEM's text here; a private key's text is never a secret.
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromJsonWebTokenString(KeyFiles.Pem("rsa2048-legacy-aes256.pem")));
        Assert.Equal("key", e.Option);
        Assert.Contains("encrypted private key", e.Message);
        Assert.Contains("openssl pkcs8 -topk8 -nocrypt", e.Message);
    }
}
