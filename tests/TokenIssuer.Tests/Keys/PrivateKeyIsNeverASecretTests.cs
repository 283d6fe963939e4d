using System.Security.Cryptography;

namespace TokenIssuer.Tests.Keys;

/// <summary>
/// Private keys TokenIssuer cannot sign with (DSA, OpenSSH, Ed25519, Ed448, X25519, X448, secp256k1, an
/// encrypted key with no passphrase): the typed API and jsonwebtoken's string rule refuse each, naming the
/// key type, and never sign with the PEM's text as an HMAC secret.
/// </summary>
public class PrivateKeyIsNeverASecretTests
{
    private static string Hs256(SigningKey key)
        => JwtSigner.Sign(Payload.Empty(), key, new JwtSignOptions { Algorithm = JwtAlgorithm.HS256, TimeProvider = TestClock.Create() });

    [Theory]
    [InlineData("dsa2048-private.pem", "Unknown key type \"dsa\".")]
    [InlineData("dsa2048-private-pkcs8.pem", "Unknown key type \"dsa\".")]
    [InlineData("ed25519-private.pem", "Unknown key type \"ed25519\".")]
    [InlineData("ed448-private.pem", "Unknown key type \"ed448\".")]
    [InlineData("x25519-private.pem", "Unknown key type \"x25519\".")]
    [InlineData("x448-private.pem", "Unknown key type \"x448\".")]
    [InlineData("openssh-ed25519-private.pem", "OpenSSH private key")]
    public void UnsupportedPrivateKeysAreRefusedByBothApis(string file, string expected)
    {
        string pem = KeyFiles.Pem(file);
        var typed = Assert.Throws<JwtSigningException>(() => SigningKey.FromPem(pem));
        var typedFile = Assert.Throws<JwtSigningException>(() => SigningKey.FromPemFile(KeyFiles.Path(file)));
        var asString = Assert.Throws<JwtSigningException>(() => SigningKey.FromJsonWebTokenString(pem));
        foreach (var e in new[] { typed, typedFile, asString })
        {
            Assert.Equal("key", e.Option);
            Assert.Contains(expected, e.Message);
            Assert.DoesNotContain(PemBody(pem), e.ToString());
        }
        Assert.Contains(file, typedFile.Message);
    }

    [Fact]
    public void DsaPemIsNotAPublicKeyOrMissingBlock()
    {
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromPem(KeyFiles.Pem("dsa2048-private.pem")));
        Assert.DoesNotContain("not a private key", e.Message);
        Assert.Contains("DSA is not a JWS algorithm", e.Message);
    }

    [Theory]
    [InlineData("x25519-private.pem", "X25519")]
    [InlineData("x448-private.pem", "X448")]
    public void KeyAgreementKeysSayTheyCannotSign(string file, string type)
    {
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromJsonWebTokenString(KeyFiles.Pem(file)));
        Assert.Contains($"An {type} key is for key agreement", e.Message);
    }

    [Fact]
    public void OpenSshKeySaysHowToConvert()
    {
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromPem(KeyFiles.Pem("openssh-ed25519-private.pem")));
        Assert.Contains("ssh-keygen -p -N \"\" -m PKCS8 -f FILE", e.Message);
    }

    [Theory]
    [InlineData("secp256k1-private.pem")]
    [InlineData("secp256k1-private-sec1.pem")]
    public void Secp256k1IsAKeyRefusedForEveryAlgorithmNamingItsCurve(string file)
    {
        using var key = SigningKey.FromJsonWebTokenString(KeyFiles.Pem(file));
        Assert.Equal(SigningKeyKind.EllipticCurve, key.Kind);
        Assert.Null(key.DefaultAlgorithm);
        var hs = Assert.Throws<JwtSigningException>(() => Hs256(key));
        Assert.StartsWith("secretOrPrivateKey must be a symmetric key when using HS256", hs.Message);
        var es = Assert.Throws<JwtSigningException>(() => JwtSigner.Sign(Payload.Empty(), key, new JwtSignOptions { Algorithm = JwtAlgorithm.ES256, TimeProvider = TestClock.Create() }));
        Assert.StartsWith("\"alg\" parameter \"ES256\" requires curve \"prime256v1\".", es.Message);
        Assert.Contains("secp256k1", es.Message);
    }

    [Fact]
    public void JsonWebTokenStringEncryptedPkcs8WithoutPassphraseIsRefused()
    {
        var e = Assert.Throws<JwtSigningException>(() => SigningKey.FromJsonWebTokenString(KeyFiles.Pem("ec-p256-encrypted-pkcs8.pem")));
        Assert.Equal("key", e.Option);
        Assert.Contains("encrypted private key", e.Message);
        Assert.Contains("TokenIssuer does not", e.Message);
        using var key = SigningKey.FromPem(KeyFiles.Pem("ec-p256-encrypted-pkcs8.pem"), "legacy-test-passphrase");
        Assert.Equal(JwtAlgorithm.ES256, key.DefaultAlgorithm);
    }

    [Theory]
    [InlineData("-----BEGIN DSA PRIVATE KEY-----\nAAECAwQFBgcICQ==\n-----END DSA PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nAAECAwQFBgcICQ==\n-----END OPENSSH PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAECAwQFBgcICQ==\n-----END ENCRYPTED PRIVATE KEY-----\n")]
    public void JsonWebTokenStringDamagedPrivatePemStaysASecretLikeJsonwebtoken(string text)
    {
        // A body that is no key at all is what jsonwebtoken (and the conformance contract) treat as a secret.
        using var key = SigningKey.FromJsonWebTokenString(text);
        Assert.Equal(SigningKeyKind.Symmetric, key.Kind);
    }

    private static string PemBody(string pem)
    {
        var lines = pem.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines[1];
    }
}
