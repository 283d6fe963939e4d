using System.Security.Cryptography;

namespace TokenIssuer.AspNetCore.Tests.Infrastructure;

/// <summary>Keys made for one test, as configuration text (never written to disk).</summary>
public static class GeneratedKeys
{
    /// <summary>A new P-256 private key in PKCS#8 PEM, for ES256.</summary>
    public static string Es256Pem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>A new 32-byte HMAC secret in base64, for HS256.</summary>
    public static string Hs256SecretBase64() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
