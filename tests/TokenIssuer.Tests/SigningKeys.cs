using System.Collections.Concurrent;

namespace TokenIssuer.Tests;

/// <summary>
/// The key files and secrets as <see cref="SigningKey"/>s, loaded once and shared: a signing key is
/// documented as thread-safe, and RSA key material is slow to make, so nothing here generates an RSA key.
/// </summary>
internal static class SigningKeys
{
    /// <summary>The literal secret of the jsonwebtoken vectors (shared/reference/jsonwebtoken-sign-spec.md §11).</summary>
    public const string Secret = "secret";

    private static readonly ConcurrentDictionary<string, SigningKey> Keys = new();

    /// <summary>A shared signing key read from a key file with <see cref="SigningKey.FromPem"/>.</summary>
    public static SigningKey Key(string file) => Keys.GetOrAdd(file, f => SigningKey.FromPem(KeyFiles.Pem(f)));

    public static SigningKey Rsa2048 => Key(KeyFiles.Rsa2048);
    public static SigningKey Rsa3072 => Key(KeyFiles.Rsa3072);
    public static SigningKey Rsa1024 => Key(KeyFiles.Rsa1024);
    public static SigningKey RsaPss => Key(KeyFiles.RsaPss);
    public static SigningKey RsaPssNoParams => Key(KeyFiles.RsaPssNoParams);
    public static SigningKey EcP256 => Key(KeyFiles.EcP256);
    public static SigningKey EcP384 => Key(KeyFiles.EcP384);
    public static SigningKey EcP521 => Key(KeyFiles.EcP521);
    public static SigningKey HmacSecret => Keys.GetOrAdd("secret", _ => SigningKey.FromSecret(Secret));

    /// <summary><see cref="TestKeys.Secret64"/>: long enough for every HS algorithm in Microsoft.IdentityModel.</summary>
    public static SigningKey LongHmacSecret => Keys.GetOrAdd("long-secret", _ => SigningKey.FromSecret(TestKeys.Secret64));
}
