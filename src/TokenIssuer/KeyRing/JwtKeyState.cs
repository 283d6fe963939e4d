namespace TokenIssuer;

/// <summary>Where a key is on its timeline: announced before it signs, active while it signs, retired until its tokens have expired.</summary>
public enum JwtKeyState
{
    /// <summary>Published in the JWKS so that validators have it, not signing yet.</summary>
    Announced,
    /// <summary>Published and signing new tokens.</summary>
    Active,
    /// <summary>Published, no longer signing, until the last token it signed has expired.</summary>
    Retired,
}
