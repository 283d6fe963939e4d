using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.IntegrationTests.Issuing;

/// <summary>
/// One host with a profile per algorithm (all 12), named after the algorithm, shared by the rows of
/// <see cref="AlgorithmTests"/>. The clock never moves here.
/// </summary>
public sealed class AlgorithmFixture : IAsyncLifetime
{
    public const string Issuer = "https://issuer.test";
    public const string Audience = "orders-api";
    public const string HmacKeyId = "hmac-2025";

    /// <summary>Algorithm → (key name, key file or null for the secret, ExpiresIn, lifetime in seconds).</summary>
    public static readonly IReadOnlyDictionary<string, (string Key, string? File, string ExpiresIn, long Seconds)> Profiles =
        new Dictionary<string, (string, string?, string, long)>
        {
            ["HS256"] = ("Hmac", null, "90", 90),
            ["HS384"] = ("Hmac", null, "15m", 900),
            ["HS512"] = ("Hmac", null, "1h", 3600),
            ["RS256"] = ("Rsa2048", KeyFiles.Rsa2048, "2 hours", 7200),
            ["RS384"] = ("Rsa3072", KeyFiles.Rsa3072, "1d", 86400),
            ["RS512"] = ("Rsa2048", KeyFiles.Rsa2048, "30s", 30),
            ["PS256"] = ("Rsa2048", KeyFiles.Rsa2048, "5m", 300),
            ["PS384"] = ("Rsa3072", KeyFiles.Rsa3072, "1w", 604800),
            ["PS512"] = ("Rsa3072", KeyFiles.Rsa3072, "10 minutes", 600),
            ["ES256"] = ("P256", KeyFiles.EcP256, "15m", 900),
            ["ES384"] = ("P384", KeyFiles.EcP384, "45m", 2700),
            ["ES512"] = ("P521", KeyFiles.EcP521, "3600", 3600),
        };

    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var configuration = new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:Hmac:SecretBase64"] = TestKeys.Secret64Base64,
            ["JwtIssuer:Keys:Hmac:KeyId"] = HmacKeyId,
        };
        foreach (var (_, (key, file, _, _)) in Profiles)
        {
            if (file is not null) configuration[$"JwtIssuer:Keys:{key}:Pem"] = KeyFiles.Pem(file);
        }
        foreach (var (algorithm, (key, _, expiresIn, _)) in Profiles)
        {
            string p = $"JwtIssuer:Profiles:{algorithm}";
            configuration[p + ":Algorithm"] = algorithm;
            configuration[p + ":SigningKey"] = key;
            configuration[p + ":ExpiresIn"] = expiresIn;
            configuration[p + ":Issuer"] = Issuer;
            configuration[p + ":Audience"] = Audience;
            configuration[p + ":Claims:role"] = "reader";
            configuration[p + ":Claims:profile"] = algorithm;
        }
        var builder = TestHosts.Builder(configuration);
        builder.Services.AddJwtIssuer();
        Host = await TestHosts.StartAsync(builder);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public static SecurityKey PublicKey(string algorithm)
    {
        var file = Profiles[algorithm].File;
        return file is null ? new SymmetricSecurityKey(TestKeys.Secret64) : KeyFiles.PublicSecurityKey(file);
    }

    /// <summary>A key of the same type that did not sign: validation with it must fail.</summary>
    public static SecurityKey OtherKey(string algorithm) => Profiles[algorithm].File switch
    {
        null => new SymmetricSecurityKey(TestKeys.Secret64.Reverse().ToArray()),
        KeyFiles.Rsa2048 => KeyFiles.PublicSecurityKey(KeyFiles.Rsa3072),
        KeyFiles.Rsa3072 => KeyFiles.PublicSecurityKey(KeyFiles.Rsa2048),
        KeyFiles.EcP256 => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        KeyFiles.EcP384 => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)),
        _ => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP521)),
    };

    public static string ExpectedKid(string algorithm)
    {
        var file = Profiles[algorithm].File;
        return file is null ? HmacKeyId : KeyFiles.Thumbprint(file);
    }
}
