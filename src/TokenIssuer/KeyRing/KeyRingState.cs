namespace TokenIssuer;

/// <summary>The validation keys of the current configuration, and those a rotation retired but tokens may still carry.</summary>
internal sealed record KeyRingState(IReadOnlyList<JwtValidationKey> CurrentKeys, IReadOnlyList<JwtValidationKey> Retired, IReadOnlyDictionary<JwtValidationKey, TimeSpan?>? Lifetimes = null)
{
    public KeyRingState(List<(JwtValidationKey Key, TimeSpan? Lifetime)> current, IReadOnlyList<JwtValidationKey> retired)
        : this(current.Select(c => c.Key).ToArray(), retired, current.ToDictionary(c => c.Key, c => c.Lifetime))
    {
    }

    /// <summary>Keys of the old configuration that the new one lacks are kept as long as the tokens they signed live.</summary>
    public KeyRingState Rotate(List<(JwtValidationKey Key, TimeSpan? Lifetime)> next, DateTimeOffset now, TimeSpan defaultRetention)
    {
        var retired = Retired.Where(k => k.RetiredUntil > now).ToList();
        foreach (var key in CurrentKeys)
        {
            // Kept when it leaves the configuration, and also when it stays but a profile stops signing
            // with it: that profile must still accept the tokens the key signed for it.
            if (next.Any(n => Covers(n.Key, key))) continue;
            var retention = Lifetimes?.GetValueOrDefault(key) ?? defaultRetention;
            key.RetiredUntil = retention >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + retention;
            retired.Add(key);
        }
        retired.RemoveAll(r => next.Any(n => Covers(n.Key, r)));
        return new KeyRingState(next, retired);
    }

    /// <summary>The new key is the old one, signing for (at least) the same profiles.</summary>
    private static bool Covers(JwtValidationKey next, JwtValidationKey old)
        => SameKey(next, old) && old.Algorithm == next.Algorithm && old.Profiles.All(p => next.Profiles.Contains(p, StringComparer.OrdinalIgnoreCase));

    private static bool SameKey(JwtValidationKey a, JwtValidationKey b)
        => a.KeyId == b.KeyId && a.Kind == b.Kind && a.PublicJwk.Count == b.PublicJwk.Count && a.PublicJwk.All(p => b.PublicJwk.TryGetValue(p.Key, out var v) && v == p.Value)
            && (!a.IsSymmetric || a.GetSecret().SequenceEqual(b.GetSecret()));
}
