namespace TokenIssuer.HardeningTests.KeyHygiene;

/// <summary>
/// The shared rules themselves: what looks like key material (SensitiveText) and what is a placeholder secret
/// (PlaceholderSecret). Names, paths with GUIDs and PEM labels stay quotable; generated secrets are never placeholders.
/// </summary>
public sealed class SensitiveTextRuleTests
{
    [Theory]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg")]
    [InlineData("MIGHAgEAMBMGByqGSM49AgEGCCqGSM49")]
    [InlineData("kR3vZ8+qLw0xN5tYb2Hs7Jd/Fa9Gc4Pe1Um6Qi+VoXE=")]
    [InlineData("kR3vZ8-qLw0x_N5tYb2Hs7J-d_Fa9Gc4-Pe1Um6Qi_Vo")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    [InlineData("q8Xb3kLm9Zt2Wv7Rp4Ns6Yd1Hf5Jg0Ce")]
    public void RandomTextAndPemMarkersLookLikeKeyMaterial(string value)
        => Assert.True(SensitiveText.LooksLikeKeyMaterial(value), value);

    [Theory]
    [InlineData("/tmp/tokenissuer-test-3f2a8c1e5b7d4e9a8c3f1a2b3c4d5e6f/key.pem")]
    [InlineData("/tmp/3f2a8c1e-5b7d-4e9a-8c3f-1a2b3c4d5e6f/keys/es256.pem")]
    [InlineData("JwtIssuer:Keys:Main:Pem: The PEM text has a \"PRIVATE KEY\" block that is not a valid private key.")]
    [InlineData("PRIVATE KEY")]
    [InlineData("JwtIssuer:Profiles:AccessTokenForOrdersApi:SigningKey")]
    [InlineData("https://id.example.com/tenants/contoso")]
    [InlineData("HS256")]
    [InlineData("a-secret-of-at-least-32-bytes-length!!")]
    public void NamesPathsAndLabelsDoNot(string value)
        => Assert.False(SensitiveText.LooksLikeKeyMaterial(value), value);

    [Fact]
    public void AConfiguredSecretIsWithheldWhereverItAppears()
    {
        const string secret = "a-secret-of-at-least-32-bytes-length!!";
        var sensitive = new SensitiveText([secret, "short", null, ""]);

        Assert.True(sensitive.IsSensitive("prefix " + secret));
        Assert.False(sensitive.IsSensitive("short"), "secrets shorter than 8 characters are not looked for");
        Assert.Equal("(a value of 38 characters, not shown)", sensitive.Quote(secret));
        Assert.Equal("\"HS256\"", sensitive.Quote("HS256"));
        Assert.Equal($"JwtIssuer:Keys:(a name of 38 characters, not shown):Secret", sensitive.Path($"JwtIssuer:Keys:{secret}:Secret"));
        Assert.Equal("x: (a value of 38 characters, not shown) is not an algorithm; y (a value of 38 characters, not shown)",
            sensitive.Scrub($"x: \"{secret}\" is not an algorithm; y {secret}"));
        Assert.Equal("\"/tmp/keys/es256.pem\"", sensitive.QuotePath("/tmp/keys/es256.pem"));
        Assert.Equal("(a value of 38 characters, not shown)", sensitive.QuotePath(secret));
        Assert.Equal("(a value of 7 characters, not shown)", sensitive.QuotePath("hunter2"));
    }

    [Theory]
    [InlineData("set in user-secrets or the environment")]
    [InlineData("secret")]
    [InlineData("Change-Me")]
    [InlineData("your-256-bit-secret-your-256-bit-secret")]
    [InlineData("<secret>")]
    [InlineData("{{ jwt_secret }}")]
    [InlineData("${JWT_SECRET}")]
    [InlineData("$JWT_SECRET")]
    [InlineData("%JWT_SECRET%")]
    [InlineData("TODO replace before going live")]
    [InlineData("the quick brown fox jumps over the lazy dog")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("abababababababababababababababab")]
    public void PlaceholdersAreRecognised(string secret)
        => Assert.NotNull(PlaceholderSecret.Reason(secret));

    [Theory]
    [InlineData("a-secret-of-at-least-32-bytes-length!!")]
    [InlineData("hardening-Zq8#Lw!3vT-kept-out-of-logs-0123")]
    [InlineData("0123456789012345678901234567890")]
    [InlineData("éàèùâêîôûëïüçœæÿ")]
    [InlineData("s")]
    public void OrdinaryAndShortSecretsAreNoPlaceholders(string secret)
        => Assert.Null(PlaceholderSecret.Reason(secret));

    /// <summary>Generated secrets (random bytes in base64, base64url and hex) are never taken for placeholders: 10,000 of them, seeded.</summary>
    [Fact]
    public void GeneratedSecretsAreNeverPlaceholders()
    {
        var random = new Random(Seeds.Secrets);
        for (int i = 0; i < 10_000; i++)
        {
            byte[] bytes = new byte[16 + random.Next(49)];
            random.NextBytes(bytes);
            foreach (string text in new[] { Convert.ToBase64String(bytes), TestKeys.B64(bytes), Convert.ToHexStringLower(bytes) })
            {
                Assert.True(PlaceholderSecret.Reason(text) is null, $"{text}: {PlaceholderSecret.Reason(text)}");
            }
            Assert.Null(PlaceholderSecret.BytesReason(bytes));
        }
    }
}
