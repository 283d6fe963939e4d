namespace TokenIssuer;

/// <summary>
/// The key ring: the validation keys of the current configuration (active: a profile signs with it;
/// announced: configured, no profile signs with it) and those a rotation retired but tokens may still carry.
/// Immutable: a rotation makes a new state.
/// </summary>
internal sealed record KeyRingState(IReadOnlyList<JwtValidationKey> CurrentKeys, IReadOnlyList<JwtValidationKey> Retired, IReadOnlyDictionary<JwtValidationKey, TimeSpan?>? Lifetimes = null)
{
    public KeyRingState(List<(JwtValidationKey Key, TimeSpan? Lifetime)> current, IReadOnlyList<JwtValidationKey> retired)
        : this(current.Select(c => c.Key).ToArray(), retired, current.ToDictionary(c => c.Key, c => c.Lifetime))
    {
    }

    /// <summary>Every key published at <paramref name="now"/>: active, announced (the builder's order), then retired ones still live.</summary>
    public IReadOnlyList<JwtValidationKey> Published(DateTimeOffset now)
    {
        if (Retired.Count == 0) return CurrentKeys;
        return CurrentKeys.Concat(Retired.Where(k => k.RetiredUntil > now)).ToArray();
    }

    /// <summary>
    /// The new keys whose kid already names a different key on the ring (current, or retired and still
    /// published): validators that cached the old one would reject the new one's tokens, and the JWKS
    /// could not publish both. A kid names one key for as long as the ring holds it.
    /// </summary>
    public List<string> KidCollisions(List<(JwtValidationKey Key, TimeSpan? Lifetime)> next, DateTimeOffset now)
    {
        var problems = new List<string>();
        var held = Published(now);
        foreach (var (key, _) in next)
        {
            var other = held.FirstOrDefault(h => h.KeyId == key.KeyId && !h.SameMaterial(key));
            if (other is not null) problems.Add(ValidationKeyBuilder.KidCollision(key, other, alreadyPublished: true));
        }
        return problems;
    }

    /// <summary>
    /// Keys of the old configuration that signed and that the new one lacks are retired: kept as long as the
    /// tokens they signed live, or until the app restarts when one of their profiles' tokens never expire
    /// (no <c>ExpiresIn</c>). An announced key that leaves the configuration goes at once: no profile
    /// signed with it while it was announced (its earlier tokens are covered by its retired entry).
    /// </summary>
    public (KeyRingState State, List<JwtValidationKey> Retiring) Rotate(List<(JwtValidationKey Key, TimeSpan? Lifetime)> next, DateTimeOffset now)
    {
        var retired = Retired.Where(k => k.RetiredUntil > now).ToList();
        var retiring = new List<JwtValidationKey>();
        foreach (var key in CurrentKeys)
        {
            // Kept when it leaves the configuration, and also when it stays but a profile stops signing
            // with it: that profile must still accept the tokens the key signed for it.
            if (key.State != JwtKeyState.Active || next.Any(n => Covers(n.Key, key))) continue;
            var lifetime = Lifetimes?.GetValueOrDefault(key);
            var until = lifetime is not { } span || span >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + span;
            var copy = key.Retire(until);
            retired.Add(copy);
            retiring.Add(copy);
        }
        retired.RemoveAll(r => next.Any(n => Covers(n.Key, r)));
        return (new KeyRingState(next, retired), retiring);
    }

    /// <summary>Whether <paramref name="key"/> (kid and material) is on the ring now: published, so validators may have it.</summary>
    public bool Holds(JwtValidationKey key, DateTimeOffset now) => Published(now).Any(h => h.KeyId == key.KeyId && h.SameMaterial(key));

    /// <summary>The new key is the old one, signing for (at least) the same profiles.</summary>
    private static bool Covers(JwtValidationKey next, JwtValidationKey old)
        => next.KeyId == old.KeyId && next.SameMaterial(old) && old.Algorithm == next.Algorithm
            && old.Profiles.All(p => next.Profiles.Contains(p, StringComparer.OrdinalIgnoreCase));
}
