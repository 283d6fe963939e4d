namespace TokenIssuer;

/// <summary>
/// Where a key is on the key ring's timeline: announced (published, not signing), active (signing) or
/// retired (published, not signing, until the last token it signed has expired).
/// </summary>
public enum JwtKeyState
{
    /// <summary>Published in the JWKS so that validators learn it, but no profile signs with it (yet).</summary>
    Announced,

    /// <summary>A profile signs with it.</summary>
    Active,

    /// <summary>Replaced: no profile signs with it any more, and it stays published until the tokens it signed have expired.</summary>
    Retired,
}
