using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.IntegrationTests.Binding;

/// <summary>Profiles and keys bound from configuration: a real appsettings.json and in-memory sources.</summary>
public sealed class ConfigurationBindingTests
{
    private const string Issuer = "https://issuer.test";

    [Fact]
    public async Task AppSettingsJsonBindsEveryKindOfOptionAndIssuesValidTokens()
    {
        using var root = new TempDirectory();
        root.WriteFile(Path.Combine("keys", "signing.pem"), KeyFiles.Pem(KeyFiles.EcP256));
        // Option names in any case: configuration keys are case-insensitive.
        var settings = new Dictionary<string, object>
        {
            ["JwtIssuer"] = new Dictionary<string, object>
            {
                ["keys"] = new Dictionary<string, object>
                {
                    ["Signing"] = new Dictionary<string, object> { ["pemFile"] = "keys/signing.pem" },
                    // A JWK as a JSON string (the object form has its own test below).
                    ["Partner"] = new Dictionary<string, object> { ["jwk"] = JsonSerializer.Serialize(PrivateJwk(KeyFiles.EcP384, kid: "partner-2024")) },
                    ["Session"] = new Dictionary<string, object> { ["secretBase64"] = TestKeys.Secret64Base64, ["keyId"] = "session-1" },
                },
                ["profiles"] = new Dictionary<string, object>
                {
                    ["Access"] = new Dictionary<string, object>
                    {
                        ["algorithm"] = "ES256",
                        ["signingKey"] = "Signing",
                        ["expiresIn"] = "15m",
                        ["issuer"] = Issuer,
                        ["audience"] = "orders-api",
                        ["header"] = new Dictionary<string, object> { ["typ"] = "at+jwt" },
                        ["claims"] = new Dictionary<string, object> { ["scope"] = "orders.read", ["tier"] = "gold" },
                        ["parameters"] = new Dictionary<string, object> { ["tenant"] = "string" },
                    },
                    ["Partner"] = new Dictionary<string, object>
                    {
                        // No Algorithm: it follows the key (P-384 → ES384). Unit-less durations are seconds.
                        ["SigningKey"] = "Partner",
                        ["ExpiresIn"] = 3600,
                        ["NotBefore"] = 30,
                        ["Audience"] = new[] { "billing-api", "reports-api" },
                        ["Issuer"] = Issuer,
                    },
                    ["Session"] = new Dictionary<string, object>
                    {
                        ["Algorithm"] = "HS512",
                        ["SigningKey"] = "Session",
                        ["ExpiresIn"] = "1h",
                        ["Subject"] = "session",
                        ["JwtId"] = "fixed-jti",
                        ["NoTimestamp"] = false,
                    },
                },
            },
        };
        File.WriteAllText(root.Combine("appsettings.json"), JsonSerializer.Serialize(settings, new JsonSerializerOptions { WriteIndented = true }));

        var builder = TestHosts.Builder(contentRoot: root.Path);
        builder.Configuration.AddJsonFile("appsettings.json", optional: false, reloadOnChange: false);
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);
        var issuer = host.Issuer;

        Assert.Equal(new[] { "Access", "Partner", "Session" }, issuer.Profiles.Order());

        // Access: PemFile relative to the content root, Header, Claims, one audience → a string.
        var access = new Jwt(issuer.Issue("Access", new Dictionary<string, object?> { ["tenant"] = "contoso" }));
        Assert.Equal("ES256", access.Alg);
        Assert.Equal("at+jwt", access.Header.GetProperty("typ").GetString());
        Assert.Equal(KeyFiles.Thumbprint(KeyFiles.EcP256), access.Kid);
        Assert.Equal("orders.read", access.String("scope"));
        Assert.Equal("gold", access.String("tier"));
        Assert.Equal("contoso", access.String("tenant"));
        Assert.Equal(JsonValueKind.String, access.Payload.GetProperty("aud").ValueKind);
        Assert.Equal("orders-api", access.String("aud"));
        Assert.Equal(TestClock.StartIat, access.Iat);
        Assert.Equal(TestClock.StartIat + 15 * 60, access.Exp);
        await JsonWebTokenValidation.AssertValidAsync(access.Token, KeyFiles.PublicSecurityKey(KeyFiles.EcP256), TestClock.Start, Issuer, "orders-api");

        // Partner: a JWK, its kid; an audience array; seconds without a unit.
        var partner = new Jwt(issuer.Issue("Partner"));
        Assert.Equal("ES384", partner.Alg);
        Assert.Equal("partner-2024", partner.Kid);
        Assert.Equal(new[] { "billing-api", "reports-api" }, partner.Payload.GetProperty("aud").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(TestClock.StartIat + 30, partner.Payload.GetProperty("nbf").GetInt64());
        Assert.Equal(TestClock.StartIat + 3600, partner.Exp);
        await JsonWebTokenValidation.AssertValidAsync(partner.Token, KeyFiles.PublicSecurityKey(KeyFiles.EcP384), TestClock.Start.AddMinutes(1), Issuer, "reports-api");
        Assert.False((await JsonWebTokenValidation.ValidateAsync(partner.Token, KeyFiles.PublicSecurityKey(KeyFiles.EcP384), TestClock.Start, Issuer, "reports-api")).IsValid,
            "a token must not be valid before its nbf");

        // Session: SecretBase64 with an explicit KeyId, Subject and JwtId.
        var session = new Jwt(issuer.Issue("Session"));
        Assert.Equal("HS512", session.Alg);
        Assert.Equal("session-1", session.Kid);
        Assert.Equal("session", session.String("sub"));
        Assert.Equal("fixed-jti", session.String("jti"));
        Assert.Equal(TestClock.StartIat + 3600, session.Exp);
        await JsonWebTokenValidation.AssertValidAsync(session.Token, new SymmetricSecurityKey(TestKeys.Secret64), TestClock.Start);
    }

    [Fact]
    public async Task InMemoryConfigurationInACustomSectionBindsCaseInsensitiveNames()
    {
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["Auth:Tokens:KEYS:Main:PEM"] = KeyFiles.Pem(KeyFiles.Rsa2048),
            ["Auth:Tokens:profiles:Api:ALGORITHM"] = "PS256",
            ["Auth:Tokens:profiles:Api:signingkey"] = "main",
            ["Auth:Tokens:profiles:Api:expiresIn"] = "2 hours",
            ["Auth:Tokens:profiles:Api:audience:0"] = "first",
            ["Auth:Tokens:profiles:Api:audience:1"] = "second",
            ["Auth:Tokens:profiles:Api:issuer"] = Issuer,
            ["Auth:Tokens:profiles:Api:keyId"] = "profile-kid",
            ["Auth:Tokens:profiles:Api:noTimestamp"] = "true",
            ["Auth:Tokens:profiles:Api:claims:role"] = "service",
        });
        builder.Services.AddJwtIssuer(builder.Configuration.GetSection("Auth:Tokens"));
        await using var host = await TestHosts.StartAsync(builder);

        // Profile names are case-insensitive too.
        var token = new Jwt(host.Issuer.Issue("api"));
        Assert.Equal("PS256", token.Alg);
        Assert.Equal("profile-kid", token.Kid); // the profile's KeyId wins over the key's thumbprint
        Assert.False(token.Has("iat"));
        Assert.Equal(TestClock.StartIat + 2 * 3600, token.Exp);
        Assert.Equal("service", token.String("role"));
        Assert.Equal(new[] { "first", "second" }, token.Payload.GetProperty("aud").EnumerateArray().Select(a => a.GetString()));
        await JsonWebTokenValidation.AssertValidAsync(token.Token, KeyFiles.PublicSecurityKey(KeyFiles.Rsa2048), TestClock.Start, Issuer, "second");
    }

    [Fact]
    public async Task AudienceOfOneArrayElementIsWrittenAsAString()
    {
        // Configuration cannot tell ["api"] from "api": both bind to one audience, written as a string.
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
            ["JwtIssuer:Profiles:Api:SigningKey"] = "Main",
            ["JwtIssuer:Profiles:Api:Audience:0"] = "api",
        });
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);

        var token = new Jwt(host.Issuer.Issue("Api"));
        Assert.Equal("HS256", token.Alg); // no Algorithm: a secret signs HS256
        Assert.Equal(JsonValueKind.String, token.Payload.GetProperty("aud").ValueKind);
        Assert.Equal("api", token.String("aud"));
        Assert.False(token.Has("exp"));
        Assert.Equal(TestKeys.Thumbprint(TestKeys.Secret64), token.Kid);
    }

    [Fact]
    public async Task JwkWrittenAsAJsonObjectInAppSettingsJsonIsAccepted()
    {
        // JwtKeyOptions.Jwk is documented as JSON text, and ConfigurationReader.JwkFromSection exists to put a
        // JWK written as a JSON object in appsettings.json back together.
        using var root = new TempDirectory();
        var settings = new Dictionary<string, object>
        {
            ["JwtIssuer"] = new Dictionary<string, object>
            {
                ["Keys"] = new Dictionary<string, object> { ["Partner"] = new Dictionary<string, object> { ["Jwk"] = PrivateJwk(KeyFiles.EcP256, kid: "partner-object") } },
                ["Profiles"] = new Dictionary<string, object> { ["Partner"] = new Dictionary<string, object> { ["SigningKey"] = "Partner", ["ExpiresIn"] = "5m" } },
            },
        };
        File.WriteAllText(root.Combine("appsettings.json"), JsonSerializer.Serialize(settings));
        var builder = TestHosts.Builder(contentRoot: root.Path);
        builder.Configuration.AddJsonFile("appsettings.json", optional: false, reloadOnChange: false);
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);

        var token = new Jwt(host.Issuer.Issue("Partner"));
        Assert.Equal("ES256", token.Alg);
        Assert.Equal("partner-object", token.Kid);
        await JsonWebTokenValidation.AssertValidAsync(token.Token, KeyFiles.PublicSecurityKey(KeyFiles.EcP256), TestClock.Start);
    }

    /// <summary>An EC key file's private key as a JWK object (what appsettings.json can hold).</summary>
    private static Dictionary<string, object> PrivateJwk(string privateFile, string kid)
    {
        using var ec = ECDsa.Create();
        ec.ImportFromPem(KeyFiles.Pem(privateFile));
        var p = ec.ExportParameters(includePrivateParameters: true);
        string crv = ec.KeySize switch { 256 => "P-256", 384 => "P-384", _ => "P-521" };
        return new Dictionary<string, object>
        {
            ["kty"] = "EC",
            ["crv"] = crv,
            ["x"] = Base64Url.EncodeToString(p.Q.X),
            ["y"] = Base64Url.EncodeToString(p.Q.Y),
            ["d"] = Base64Url.EncodeToString(p.D),
            ["kid"] = kid,
        };
    }
}
