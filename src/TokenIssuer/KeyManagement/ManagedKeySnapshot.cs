namespace TokenIssuer;

/// <summary>A published managed key: its signing key object, where it is on the timeline, and when it moves on.</summary>
/// <param name="KeyName">The entry under <c>JwtIssuer:Keys</c>.</param>
/// <param name="KeyId">The <c>kid</c> (the key's RFC 7638 thumbprint).</param>
/// <param name="Algorithm">The algorithm it signs with.</param>
/// <param name="State"><see cref="ManagedKeyState.Announced"/>, <see cref="ManagedKeyState.Active"/> or <see cref="ManagedKeyState.Retired"/>.</param>
/// <param name="Key">The key, owned by the <see cref="ManagedKeyManager"/> (see its remarks on disposal).</param>
/// <param name="Created">When it was created.</param>
/// <param name="Activates">When it signs (or signed) at the earliest.</param>
/// <param name="Retires">When it stops signing; null while no younger key exists.</param>
/// <param name="Expires">When it leaves the JWKS.</param>
internal sealed record ManagedKey(
    string KeyName, string KeyId, JwtAlgorithm Algorithm, ManagedKeyState State, SigningKey Key,
    DateTimeOffset Created, DateTimeOffset Activates, DateTimeOffset? Retires, DateTimeOffset? Expires);

/// <summary>The published keys of one managed key name at one instant; immutable.</summary>
/// <param name="KeyName">The entry under <c>JwtIssuer:Keys</c>.</param>
/// <param name="Keys">Announced, active and retired keys, oldest first: what the JWKS and validation publish.</param>
/// <param name="Active">The key that signs.</param>
/// <param name="ComputedAt">When the snapshot was computed.</param>
internal sealed record ManagedKeySnapshot(string KeyName, IReadOnlyList<ManagedKey> Keys, ManagedKey Active, DateTimeOffset ComputedAt)
{
    /// <summary>Same keys in the same states: nothing a consumer needs to rebuild.</summary>
    internal bool HasSameStates(ManagedKeySnapshot? other)
        => other is not null
           && other.Keys.Count == Keys.Count
           && other.Keys.Zip(Keys).All(pair => pair.First.KeyId == pair.Second.KeyId && pair.First.State == pair.Second.State && pair.First.Retires == pair.Second.Retires);
}
