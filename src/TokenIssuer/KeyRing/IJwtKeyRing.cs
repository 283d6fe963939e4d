namespace TokenIssuer;

/// <summary>
/// The keys that validate this app's tokens: those of the current configuration and, for as long as
/// tokens they signed can still be valid, those replaced by a rotation. What a JWKS endpoint publishes
/// and what JwtBearer validation uses. Registered by <c>AddJwtIssuer()</c>.
/// </summary>
public interface IJwtKeyRing
{
    /// <summary>Every validation key: asymmetric public keys, and the HMAC keys of HS* profiles (whose secrets are never handed out).</summary>
    IReadOnlyList<JwtValidationKey> ValidationKeys { get; }

    /// <summary>What a validator needs to know about a profile, or null when there is no such profile.</summary>
    JwtProfileDescription? DescribeProfile(string profile);
}
