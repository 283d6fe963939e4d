namespace TokenIssuer;

/// <summary>The registered claim names (RFC 7519 §4.1) that the signing options set.</summary>
internal static class RegisteredClaimNames
{
    public const string IssuedAt = "iat";
    public const string Expires = "exp";
    public const string NotBefore = "nbf";
    public const string Audience = "aud";
    public const string Issuer = "iss";
    public const string Subject = "sub";
    public const string JwtId = "jti";

    /// <summary>True for the NumericDate claims a token computes from its issue time.</summary>
    public static bool IsTimeClaim(string name) => name is IssuedAt or Expires or NotBefore;
}
