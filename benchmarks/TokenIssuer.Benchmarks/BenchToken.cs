using System.Security.Cryptography;
using System.Text;

namespace TokenIssuer.Benchmarks;

/// <summary>
/// The one token every benchmark method mints: header <c>{alg, typ: "JWT", kid: "bench-key"}</c>,
/// payload <c>{sub, name, role, iat, exp = iat + 900, iss, aud}</c>, with a fixed <c>iat</c>.
/// </summary>
internal static class BenchToken
{
    public const string KeyId = "bench-key";

    /// <summary>
    /// The kid of the key <paramref name="algorithm"/> signs with: one kid per key (the issuer refuses a kid that
    /// names two keys), each 9 characters long so every algorithm's header keeps the same length.
    /// </summary>
    public static string KeyIdFor(string algorithm) => FamilyOf(algorithm) switch
    {
        Family.Hmac => KeyId,
        Family.Ecdsa => "bench-ecc",
        _ => "bench-rsa",
    };
    public const string Subject = "user-42";
    public const string Name = "Ada Lovelace";
    public const string Role = "admin";
    public const string Issuer = "https://id.example.com";
    public const string Audience = "orders-api";

    /// <summary>2026-01-01T00:00:00Z.</summary>
    public const long IssuedAt = 1_767_225_600;
    public const long LifetimeSeconds = 900;
    public const long Expires = IssuedAt + LifetimeSeconds;

    /// <summary>A 48-byte HMAC secret (above the 256 bits both libraries want for HS256).</summary>
    public const string Secret = "bench-secret-0123456789abcdef-0123456789abcdef!!";

    public static readonly string[] Algorithms = ["HS256", "RS256", "PS256", "ES256"];

    public static byte[] SecretBytes => Encoding.UTF8.GetBytes(Secret);

    public static Family FamilyOf(string algorithm) => algorithm switch
    {
        "HS256" => Family.Hmac,
        "RS256" => Family.RsaPkcs1,
        "PS256" => Family.RsaPss,
        "ES256" => Family.Ecdsa,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "not one of the benchmarked algorithms"),
    };

    /// <summary>The PEM text of the test key an asymmetric algorithm signs with (copied next to the binary).</summary>
    public static string PemFor(string algorithm)
    {
        string file = algorithm.StartsWith("ES", StringComparison.Ordinal) ? "ec-p256-private.pem" : "rsa2048-private.pem";
        string path = Path.Combine(AppContext.BaseDirectory, "Keys", file);
        if (!File.Exists(path)) throw new FileNotFoundException($"The benchmark key {file} was not copied next to the binary.", path);
        return File.ReadAllText(path);
    }

    /// <summary>
    /// The whole payload for the libraries that take one (JwtSecurityTokenHandler aside): the claims in
    /// TokenIssuer's order, with <c>iat</c> and <c>exp</c> as numbers.
    /// </summary>
    public static Dictionary<string, object> FullPayload() => new()
    {
        ["sub"] = Subject,
        ["name"] = Name,
        ["role"] = Role,
        ["iat"] = IssuedAt,
        ["exp"] = Expires,
        ["aud"] = Audience,
        ["iss"] = Issuer,
    };

    /// <summary>The path of a file copied next to the binary (the keys, appsettings.json).</summary>
    public static string OutputFile(string relativePath)
    {
        string path = Path.Combine(AppContext.BaseDirectory, relativePath);
        if (!File.Exists(path)) throw new FileNotFoundException($"{relativePath} was not copied next to the binary.", path);
        return path;
    }

    public static RSA LoadRsa()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(PemFor("RS256"));
        return rsa;
    }

    public static ECDsa LoadEcdsa()
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(PemFor("ES256"));
        return ecdsa;
    }
}

/// <summary>The signature families of <see cref="BenchToken.Algorithms"/>.</summary>
internal enum Family { Hmac, RsaPkcs1, RsaPss, Ecdsa }

/// <summary>A clock that always says <see cref="BenchToken.IssuedAt"/>, so every token is the same.</summary>
internal sealed class FixedTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _now = DateTimeOffset.FromUnixTimeSeconds(BenchToken.IssuedAt);

    public override DateTimeOffset GetUtcNow() => _now;
}
