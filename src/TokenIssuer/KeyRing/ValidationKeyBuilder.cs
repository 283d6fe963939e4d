namespace TokenIssuer;

/// <summary>Builds the validation keys of a plan set: one per (kid, key, algorithm) that tokens can carry.</summary>
internal static class ValidationKeyBuilder
{
    private static TimeSpan? Longest(TimeSpan? a, TimeSpan? b) => a is null || b is null ? null : a > b ? a : b;

    public static List<(JwtValidationKey Key, TimeSpan? Lifetime)> Build(PlanSet plans)
    {
        var result = new List<(JwtValidationKey Key, TimeSpan? Lifetime)>();
        AddSigningKeys(plans, result);
        AddUnusedKeys(plans, result);
        return result;
    }

    /// <summary>The keys profiles sign with; a key several profiles share lives as long as the longest of their tokens.</summary>
    private static void AddSigningKeys(PlanSet plans, List<(JwtValidationKey Key, TimeSpan? Lifetime)> result)
    {
        var byKey = new Dictionary<(string, SigningKey, JwtAlgorithm), int>();
        foreach (var plan in plans.Plans.Values.OrderBy(p => p.Profile, StringComparer.Ordinal))
        {
            if (plans.Managed.Signs(plan)) continue; // published by its key manager's snapshot, with its state
            string keyId = plan.KeyId ?? plan.Key.KeyId;
            TimeSpan? lifetime = plan.ClaimOptions.ExpiresIn?.ToTimeSpan();
            if (byKey.TryGetValue((keyId, plan.Key.Key, plan.Algorithm), out int index))
            {
                var existing = result[index];
                result[index] = (existing.Key, Longest(existing.Lifetime, lifetime));
            }
            else
            {
                byKey[(keyId, plan.Key.Key, plan.Algorithm)] = result.Count;
                result.Add((JwtValidationKey.From(keyId, plan.Algorithm, plan.Key.Key), lifetime));
            }
            result[byKey[(keyId, plan.Key.Key, plan.Algorithm)]].Key.AddProfile(plan.Profile);
        }
    }

    /// <summary>Configured but unused keys (kept for rotation) are published under their default algorithm.</summary>
    private static void AddUnusedKeys(PlanSet plans, List<(JwtValidationKey Key, TimeSpan? Lifetime)> result)
    {
        foreach (var key in plans.Keys)
        {
            if (result.Any(r => r.Key.KeyId == key.KeyId) || key.Key.DefaultAlgorithm is not { } algorithm) continue;
            result.Add((JwtValidationKey.From(key.KeyId, algorithm, key.Key), null));
        }
    }
}
