namespace TokenIssuer.HardeningTests.SecurityDefaults;

/// <summary>
/// Profiles refuse weak keys by default: RSA under 2048 bits (RS and PS, from PEM or JWK) and HMAC secrets
/// shorter than their hash (RFC 7518 §3.2), counted in bytes, from text, base64 or a JWK; only
/// AllowInsecureKeySizes lets them through.
/// </summary>
public sealed class KeyStrengthDefaultsTests
{
    private const string P = "JwtIssuer:Profiles:Api:";
    private const string K = "JwtIssuer:Keys:Main:";

    [Theory]
    [InlineData(1024, "RS256")]
    [InlineData(1024, "PS256")]
    [InlineData(1536, "RS512")]
    [InlineData(1536, "PS384")]
    public async Task SmallRsaKeysAreRefusedUnlessAllowed(int bits, string algorithm)
    {
        var rsa = bits == 1024 ? TestKeys.Rsa1024 : TestKeys.Rsa1536;
        foreach (var (option, value) in new[] { ("Pem", TestKeys.Pkcs8Pem(rsa)), ("Jwk", TestKeys.PrivateJwk(rsa)) })
        {
            var configuration = new Dictionary<string, string?> { [K + option] = value, [P + "SigningKey"] = "Main", [P + "Algorithm"] = algorithm };
            var e = await TestHosts.StartFailsAsync(configuration);
            Assert.Contains($"JwtIssuer:Profiles:Api:SigningKey: secretOrPrivateKey has a minimum key size of 2048 bits for {algorithm}. This key has {bits} bits", e.Message);

            configuration[P + "AllowInsecureKeySizes"] = "true";
            await using var host = await TestHosts.StartAsync(configuration);
            var token = new Jwt(host.Issuer.Issue("Api"));
            Assert.Equal(algorithm, token.Alg);
            Assert.True(token.VerifiesWith(rsa));
        }
    }

    [Theory]
    [InlineData("HS256", 32)]
    [InlineData("HS384", 48)]
    [InlineData("HS512", 64)]
    public async Task HmacSecretsShorterThanTheHashAreRefusedUnlessAllowed(string algorithm, int hashBytes)
    {
        foreach (int length in new[] { 1, hashBytes / 2, hashBytes - 1 })
        {
            foreach (var (option, value) in Sources(length))
            {
                var configuration = new Dictionary<string, string?> { [K + option] = value, [P + "SigningKey"] = "Main", [P + "Algorithm"] = algorithm };
                var e = await TestHosts.StartFailsAsync(configuration);
                Assert.Contains($"JwtIssuer:Profiles:Api:SigningKey: the secret has {length} bytes, shorter than the {hashBytes}-byte hash of {algorithm} (RFC 7518 §3.2).", e.Message);

                configuration[P + "AllowInsecureKeySizes"] = "true";
                await using var host = await TestHosts.StartAsync(configuration);
                Assert.Equal(algorithm, new Jwt(host.Issuer.Issue("Api")).Alg);
            }
        }
        foreach (var (option, value) in Sources(hashBytes))
        {
            await using var host = await TestHosts.StartAsync(new Dictionary<string, string?> { [K + option] = value, [P + "SigningKey"] = "Main", [P + "Algorithm"] = algorithm });
            Assert.Equal(algorithm, new Jwt(host.Issuer.Issue("Api")).Alg);
        }
    }

    /// <summary>
    /// Bytes, not characters: 16 accented letters are 32 UTF-8 bytes; 31 ASCII characters are 31. (The letters are
    /// all different: one letter repeated would be refused as a placeholder whatever its length, PlaceholderSecretTests.)
    /// </summary>
    [Theory]
    [InlineData("éàèùâêîôûëïüçœæ", false)]
    [InlineData("éàèùâêîôûëïüçœæÿ", true)]
    [InlineData("0123456789012345678901234567890", false)]
    public async Task SecretTextIsCountedInUtf8Bytes(string secret, bool accepted)
    {
        var configuration = new Dictionary<string, string?> { [K + "Secret"] = secret, [P + "SigningKey"] = "Main" };
        if (accepted)
        {
            await using var host = await TestHosts.StartAsync(configuration);
            Assert.Equal("HS256", new Jwt(host.Issuer.Issue("Api")).Alg);
        }
        else
        {
            await TestHosts.StartFailsAsync(configuration);
        }
    }

    private const string DistinctText = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/";

    /// <summary>Secret, SecretBase64 and Jwk (oct) forms of the same number of bytes.</summary>
    private static IEnumerable<(string Option, string Value)> Sources(int length)
    {
        byte[] bytes = TestKeys.Secret64[..length];
        // Distinct characters: a repeated one is a placeholder (PlaceholderSecret), refused before its length is looked at.
        yield return ("Secret", DistinctText[..length]);
        yield return ("SecretBase64", Convert.ToBase64String(bytes));
        yield return ("Jwk", TestKeys.OctJwk(bytes));
    }
}
