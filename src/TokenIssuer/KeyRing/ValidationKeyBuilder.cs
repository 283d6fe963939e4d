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

    /// <summary>
    /// Two different keys under one <c>kid</c>, as messages: a validator picks the key by <c>kid</c>, so the
    /// tokens of one of them would fail to verify (and a JWKS could publish only one of them).
    /// </summary>
    public static List<string> KidCollisions(IReadOnlyList<JwtValidationKey> keys)
    {
        var problems = new List<string>();
        foreach (var group in keys.GroupBy(k => k.KeyId, StringComparer.Ordinal))
        {
            var distinct = new List<JwtValidationKey>();
            foreach (var key in group)
            {
                if (!distinct.Any(d => d.SameMaterial(key))) distinct.Add(key);
            }
            for (int i = 1; i < distinct.Count; i++) problems.Add(KidCollision(distinct[i], distinct[0], alreadyPublished: false));
        }
        return problems;
    }

    /// <summary>The message for <paramref name="key"/> taking a kid that already names <paramref name="other"/>.</summary>
    public static string KidCollision(JwtValidationKey key, JwtValidationKey other, bool alreadyPublished)
    {
        string where = key.KeyIdOption ?? $"key {key.KeyName}";
        string otherKey = other.KeyName is { } name ? $"key {name}" : "another key";
        string what = alreadyPublished
            ? $"already names a different key ({otherKey}, {Describe(other)}): a key file or secret was replaced while its KeyId stayed"
            : $"also names a different key ({other.KeyIdOption ?? otherKey})";
        return $"{where}: the kid \"{key.KeyId}\" {what}. Validators pick a key by its kid, so tokens signed with one of the two would fail to verify. "
            + "Change KeyId to a kid of its own, or leave it out: the default, the key's RFC 7638 thumbprint, never collides.";
    }

    private static string Describe(JwtValidationKey key) => key.State switch
    {
        JwtKeyState.Retired when key.RetiredUntil == DateTimeOffset.MaxValue => "retired and published until the app restarts",
        JwtKeyState.Retired => $"retired and published until {key.RetiredUntil:u}",
        JwtKeyState.Active => "signing now",
        _ => "announced",
    };

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
                var key = JwtValidationKey.From(keyId, plan.Algorithm, plan.Key.Key);
                key.State = JwtKeyState.Active;
                key.KeyName = plan.Key.Name;
                key.KeyIdOption = keyId == plan.Key.KeyId ? plan.Key.KeyIdOption : ProfileKeyIdOption(plan);
                result.Add((key, lifetime));
            }
            result[byKey[(keyId, plan.Key.Key, plan.Algorithm)]].Key.AddProfile(plan.Profile);
        }
    }

    /// <summary><c>JwtIssuer:Profiles:{profile}:KeyId</c>, under the section the key was read from.</summary>
    private static string ProfileKeyIdOption(SigningPlan plan)
    {
        string root = JwtIssuerOptions.SectionName;
        if (plan.Key.ConfigurationPath is { } path && path.EndsWith(":Keys:" + plan.Key.Name, StringComparison.Ordinal))
        {
            root = path[..^(":Keys:".Length + plan.Key.Name.Length)];
        }
        return $"{root}:Profiles:{plan.Profile}:KeyId";
    }

    /// <summary>Configured keys no profile signs with are announced: published under their default algorithm.</summary>
    private static void AddUnusedKeys(PlanSet plans, List<(JwtValidationKey Key, TimeSpan? Lifetime)> result)
    {
        foreach (var key in plans.Keys)
        {
            if (key.Key.DefaultAlgorithm is not { } algorithm) continue;
            var announced = JwtValidationKey.From(key.KeyId, algorithm, key.Key);
            announced.State = JwtKeyState.Announced;
            announced.KeyName = key.Name;
            announced.KeyIdOption = key.KeyIdOption;
            // The same key under the same kid already signs for a profile: one entry says it all.
            if (result.Any(r => r.Key.KeyId == key.KeyId && r.Key.SameMaterial(announced))) continue;
            result.Add((announced, null));
        }
    }
}
