namespace TokenIssuer;

/// <summary>
/// A key the issuer generates, rotates and retires itself (<c>"Keys": { "signing": { "Managed": { … } } }</c>),
/// kept in a shared <see cref="IJwtKeyStore"/> so that every instance signs with the same key.
/// </summary>
/// <remarks>
/// <para>Durations follow the <c>ms</c> grammar (<c>"90d"</c>, <c>"12h"</c>, <c>"30s"</c>); a value without a unit
/// is seconds, as in profiles. The defaults are Duende IdentityServer's: 90 days of signing, announced 14 days
/// before it signs, kept 14 days after it stops.</para>
/// <para>A key is <b>announced</b> (in the JWKS, not signing) for <see cref="PropagationTime"/> after it is
/// created, so that validators that cache the JWKS (JwtBearer refreshes every 12 hours) have it before it
/// signs; it is then <b>active</b> (signing) until <see cref="RotationInterval"/> after its creation, when
/// its successor, created <see cref="PropagationTime"/> earlier, takes over; it is then <b>retired</b>
/// (in the JWKS, not signing) for <see cref="RetentionTime"/>, which must cover the longest lifetime of
/// the tokens it signed, and is then deleted. On the very first start the first key signs at once.</para>
/// </remarks>
public sealed class JwtManagedKeyOptions
{
    // The default of Algorithm.
    internal const string DefaultAlgorithm = "ES256";

    // The default of RotationInterval.
    internal const string DefaultRotationInterval = "90d";

    // The default of PropagationTime.
    internal const string DefaultPropagationTime = "14d";

    // The default of RetentionTime.
    internal const string DefaultRetentionTime = "14d";

    /// <summary>
    /// The algorithm of the generated keys: RS256…RS512, PS256…PS512 (RSA 2048 bits) or ES256…ES512. HMAC is
    /// refused: a managed key exists to be published in the JWKS, and a secret never is.
    /// </summary>
    public string? Algorithm { get; set; } = DefaultAlgorithm;

    /// <summary>How long after its creation a key stops signing (its successor takes over). Longer than <see cref="PropagationTime"/>.</summary>
    public string? RotationInterval { get; set; } = DefaultRotationInterval;

    /// <summary>How long a new key is published before it signs: at least the validators' JWKS refresh interval.</summary>
    public string? PropagationTime { get; set; } = DefaultPropagationTime;

    /// <summary>How long a key stays published after it stops signing: at least the longest lifetime of the tokens it signed.</summary>
    public string? RetentionTime { get; set; } = DefaultRetentionTime;
}
