namespace TokenIssuer.Generator.Tests;

/// <summary>The configuration and attribute profile of the design document (shared/DESIGN.md §3–§4, beside the clone), verbatim.</summary>
internal static class DesignExample
{
    public const string AppSettings = """
        {
          "JwtIssuer": {
            "Keys": {
              "es-2026-11": { "PemFile": "keys/es256.pem" },
              "refresh":    { "Secret": "refresh-Zq8Lw3vT-test-only-secret-0123456789" }
            },
            "Profiles": {
              "Access": {
                "Algorithm": "ES256",
                "SigningKey": "es-2026-11",
                "ExpiresIn": "15m",
                "Issuer": "https://id.example.com",
                "Audience": [ "orders-api" ],
                "Header": { "typ": "at+jwt" },
                "Claims": { "scope": "orders.read" },
                "Parameters": { "sub": "string", "role": "string", "tenant_id": "Guid" }
              },
              "Refresh": { "Algorithm": "HS256", "SigningKey": "refresh", "ExpiresIn": "30 days" }
            }
          }
        }
        """;

    public const string RefreshClaims = """
        using TokenIssuer;

        [JwtProfile("Refresh", Algorithm = JwtAlgorithm.HS256, ExpiresIn = "30d")]
        public record RefreshClaims(string Sub, [property: JwtClaim("sid")] string SessionId);
        """;
}
