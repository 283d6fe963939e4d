namespace TokenIssuer;

/// <summary>
/// A managed signing key as a store keeps it. Its timeline (announced, active, retired) follows from
/// <see cref="Created"/> and the key's <c>Managed</c> options, so the record never changes once written.
/// </summary>
/// <param name="KeyId">The key's <c>kid</c>: its RFC 7638 thumbprint, the same on every instance.</param>
/// <param name="KeyName">The entry under <c>JwtIssuer:Keys</c> this key belongs to (one store can hold several managed keys).</param>
/// <param name="Algorithm">The JWS algorithm the key signs with, e.g. <c>ES256</c>.</param>
/// <param name="Created">When the key was created (UTC); a time in the future (clock skew between instances) counts as now.</param>
/// <param name="ProtectedKey">The private key, protected with the app's ASP.NET Core Data Protection (base64url text). Never the key in the clear.</param>
/// <param name="FormatVersion">The layout of <see cref="ProtectedKey"/>'s plaintext; <c>1</c> is a PKCS#8 private key (or, for HMAC, the secret's bytes).</param>
public sealed record JwtStoredKey(
    string KeyId,
    string KeyName,
    string Algorithm,
    DateTimeOffset Created,
    string ProtectedKey,
    int FormatVersion = 1)
{
    /// <summary>Omits <see cref="ProtectedKey"/>: even protected key material does not belong in logs.</summary>
    public override string ToString() => $"{KeyName}/{KeyId} ({Algorithm}, created {Created:O})";
}
