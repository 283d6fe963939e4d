namespace TokenIssuer;

/// <summary>Where a managed key is on its timeline (see <see cref="ManagedKeyTimeline"/>).</summary>
internal enum ManagedKeyState
{
    /// <summary>Published in the JWKS, not signing yet (or a spare key that lost the race to sign).</summary>
    Announced,
    /// <summary>Published and signing: one key per key name.</summary>
    Active,
    /// <summary>Published, no longer signing, until the tokens it signed have expired.</summary>
    Retired,
    /// <summary>Past its retention: no longer published, to be deleted from the store.</summary>
    Expired,
}
