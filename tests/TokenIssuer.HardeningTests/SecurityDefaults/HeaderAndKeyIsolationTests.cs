using System.Text;
using System.Text.Json;

namespace TokenIssuer.HardeningTests.SecurityDefaults;

/// <summary>
/// What the caller of Issue() passes per call are claims, nothing else: header-like claims (kid, alg, typ,
/// jku, jwk, x5u, crit, header) never change the header or the key, a profile never signs with another
/// profile's key, and claims the profile sets cannot be overridden. alg and crit cannot be put in a
/// profile's header at all.
/// </summary>
public sealed class HeaderAndKeyIsolationTests
{
    private static readonly byte[] SecretA = Enumerable.Range(0, 32).Select(i => (byte)(i + 1)).ToArray();
    private static readonly byte[] SecretB = Enumerable.Range(0, 32).Select(i => (byte)(200 - i)).ToArray();

    private static Dictionary<string, string?> Configuration() => new()
    {
        ["JwtIssuer:Keys:a:SecretBase64"] = Convert.ToBase64String(SecretA),
        ["JwtIssuer:Keys:a:KeyId"] = "key-a",
        ["JwtIssuer:Keys:b:SecretBase64"] = Convert.ToBase64String(SecretB),
        ["JwtIssuer:Keys:b:KeyId"] = "key-b",
        ["JwtIssuer:Keys:ec:Pem"] = TestKeys.Pkcs8Pem(TestKeys.P256),
        ["JwtIssuer:Profiles:A:SigningKey"] = "a",
        ["JwtIssuer:Profiles:A:Issuer"] = "https://a.example.com",
        ["JwtIssuer:Profiles:A:Audience"] = "api-a",
        ["JwtIssuer:Profiles:A:Subject"] = "service-a",
        ["JwtIssuer:Profiles:A:JwtId"] = "fixed-id",
        ["JwtIssuer:Profiles:A:ExpiresIn"] = "5m",
        ["JwtIssuer:Profiles:A:NotBefore"] = "0",
        ["JwtIssuer:Profiles:A:Claims:scope"] = "read",
        ["JwtIssuer:Profiles:B:SigningKey"] = "b",
        ["JwtIssuer:Profiles:E:SigningKey"] = "ec",
    };

    private static readonly Dictionary<string, object?> HeaderLikeClaims = new()
    {
        ["kid"] = "key-b",
        ["alg"] = "none",
        ["typ"] = "at+jwt",
        ["cty"] = "JWT",
        ["jku"] = "https://evil.example.com/jwks.json",
        ["x5u"] = "https://evil.example.com/cert.pem",
        ["jwk"] = new Dictionary<string, object?> { ["kty"] = "oct", ["k"] = "AAAA" },
        ["crit"] = new[] { "exp" },
        ["header"] = new Dictionary<string, object?> { ["alg"] = "none", ["kid"] = "key-b" },
        ["profile"] = "B",
        ["SigningKey"] = "b",
        ["key"] = Convert.ToBase64String(SecretB),
    };

    [Theory]
    [InlineData("A", "key-a")]
    [InlineData("B", "key-b")]
    [InlineData("E", null)]
    public async Task HeaderLikeClaimsNeverChangeTheHeaderOrTheKey(string profile, string? kid)
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var plain = new Jwt(host.Issuer.Issue(profile));
        var claims = profile == "B" ? HeaderLikeClaims.Where(c => c.Key != "kid").ToDictionary() : HeaderLikeClaims;
        var token = new Jwt(host.Issuer.Issue(profile, claims));
        var typed = new Jwt(host.Issuer.Issue(profile, 0, static (writer, _) =>
        {
            writer.WriteString("kid", "key-b");
            writer.WriteString("alg", "none");
            writer.WriteValue("header", new Dictionary<string, object?> { ["alg"] = "none" });
        }));

        Assert.Equal(plain.HeaderSegment, token.HeaderSegment);
        Assert.Equal(plain.HeaderSegment, typed.HeaderSegment);
        Assert.Equal(plain.Alg, token.Alg);
        if (kid is not null) Assert.Equal(kid, token.Kid);
        Assert.Equal("none", token.Payload.GetProperty("alg").GetString()); // it is a claim, and only a claim

        object ownKey = profile switch { "A" => SecretA, "B" => SecretB, _ => TestKeys.P256 };
        object otherKey = profile == "B" ? SecretA : SecretB;
        Assert.True(token.VerifiesWith(ownKey));
        Assert.True(typed.VerifiesWith(ownKey));
        if (token.Alg.StartsWith("HS", StringComparison.Ordinal)) Assert.False(token.VerifiesWith(otherKey));
    }

    [Theory]
    [InlineData("iss")]
    [InlineData("aud")]
    [InlineData("sub")]
    [InlineData("jti")]
    [InlineData("exp")]
    [InlineData("nbf")]
    [InlineData("iat")]
    [InlineData("scope")]
    public async Task ClaimsTheProfileSetsCannotBeOverriddenPerCall(string claim)
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var e = Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("A", new Dictionary<string, object?> { [claim] = "override" }));
        Assert.Equal(claim, e.Option);
        Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("A", claim, static (writer, name) => writer.WriteString(name, "override")));
        Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("A", claim, static (writer, name) => writer.WriteNumber(name, 1L)));
    }

    /// <summary>RFC 7519 §4: the claim names of a JWT MUST be unique. A per-call claim written twice is refused, not signed twice.</summary>
    [Fact]
    public async Task AClaimWrittenTwiceInOneCallIsRefused()
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var e = Record.Exception(() => host.Issuer.Issue("B", 0, static (writer, _) =>
        {
            writer.WriteString("role", "user");
            writer.WriteString("role", "admin");
        }));
        Assert.True(e is JwtSigningException, e is null ? "signed a token with the claim \"role\" twice" : $"{e.GetType().Name}: {e.Message}");
    }

    [Theory]
    [InlineData("a")]
    [InlineData("B ")]
    [InlineData(" B")]
    [InlineData("B\u0000")]
    [InlineData("")]
    [InlineData("*")]
    public async Task AProfileNameFromInputNamesOneProfileOrNone(string name)
    {
        await using var host = await TestHosts.StartAsync(Configuration());
        var e = Record.Exception(() => host.Issuer.Issue(name));
        if (e is null)
        {
            // Profile names are case-insensitive, like configuration keys: "a" is profile A, signed with A's key.
            Assert.True(new Jwt(host.Issuer.Issue(name)).VerifiesWith(SecretA));
        }
        else
        {
            Assert.IsType<JwtSigningException>(e);
            Assert.Equal("profile", ((JwtSigningException)e).Option);
        }
    }

    /// <summary>The engine too: payload claims named like header members stay in the payload.</summary>
    [Fact]
    public void EnginePayloadClaimsNeverReachTheHeader()
    {
        using var key = SigningKey.FromSecret(SecretA, keyId: "key-a");
        var plain = new Jwt(JwtSigner.Sign(new Dictionary<string, object?>(), key));
        var token = new Jwt(JwtSigner.Sign(new Dictionary<string, object?>(HeaderLikeClaims), key));
        Assert.Equal(plain.HeaderSegment, token.HeaderSegment);
        Assert.True(token.VerifiesWith(SecretA));
        var fromJson = JsonDocument.Parse("{\"alg\":\"none\",\"kid\":\"key-b\",\"header\":{\"alg\":\"none\"}}");
        Assert.Equal(plain.HeaderSegment, new Jwt(JwtSigner.Sign(fromJson.RootElement, key)).HeaderSegment);
    }

    [Theory]
    [InlineData("alg", "HS256")]
    [InlineData("alg", "RS256")]
    [InlineData("crit", "exp")]
    [InlineData("crit:0", "exp")]
    public async Task AlgAndCritCannotBeSetInAProfileHeader(string member, string value)
    {
        var configuration = Configuration();
        configuration["JwtIssuer:Profiles:B:Header:" + member] = value;
        var e = await TestHosts.StartFailsAsync(configuration);
        // As a value: refused by name. As a list (crit is an array in JOSE): refused as the wrong shape.
        Assert.Contains(e.Failures, f => member.Contains(':')
            ? f.StartsWith($"JwtIssuer:Profiles:B:Header:{member.Split(':')[0]}: expected a single value", StringComparison.Ordinal)
            : f.StartsWith($"JwtIssuer:Profiles:B:Header: \"{member}\" cannot be set in Header", StringComparison.Ordinal));
    }

    /// <summary>
    /// What a JWKS publishes: public members only (no d, p, q, dp, dq, qi, k), and nothing at all for HMAC
    /// secrets. (The JWKS endpoint itself is TokenIssuer.AspNetCore's; this checks the key ring it serves.)
    /// </summary>
    [Fact]
    public async Task TheKeyRingPublishesPublicMembersOnly()
    {
        var configuration = Configuration();
        configuration["JwtIssuer:Keys:rsa:Pem"] = TestKeys.Pkcs8Pem(TestKeys.Rsa2048);
        configuration["JwtIssuer:Profiles:R:SigningKey"] = "rsa";
        await using var host = await TestHosts.StartAsync(configuration);
        var ring = (IJwtKeyRing)host.Runtime;
        var keys = ring.ValidationKeys;
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            if (key.IsSymmetric)
            {
                Assert.Empty(key.PublicJwk);
                Assert.Null(key.PublicKey);
                continue;
            }
            Assert.Empty(key.PublicJwk.Keys.Intersect(["d", "p", "q", "dp", "dq", "qi", "k", "oth"]));
            Assert.Throws<InvalidOperationException>(() => key.GetSecret().ToArray());
            Assert.Throws<System.Security.Cryptography.CryptographicException>(() => key.PublicKey switch
            {
                System.Security.Cryptography.RSA rsa => rsa.ExportParameters(includePrivateParameters: true).D,
                System.Security.Cryptography.ECDsa ec => ec.ExportParameters(includePrivateParameters: true).D,
                _ => throw new System.Security.Cryptography.CryptographicException(),
            });
        }
    }
}
