using Microsoft.Extensions.Logging;

namespace TokenIssuer;

/// <summary>
/// Finds profiles whose tokens can stand in for each other (RFC 8725 §3.11–3.12): validation from one
/// profile (<c>ValidateTokensFromProfile</c>) accepts a token of the other when both are signed with the
/// same key and algorithm and agree on issuer, audience and <c>typ</c>. Then a 30-day refresh token passes
/// as a 15-minute access token. Nothing is wrong with either profile alone, so this is a warning at load,
/// not an error; a distinct <c>Header:typ</c> or <c>Audience</c> tells the tokens apart.
/// </summary>
internal static class InterchangeableProfiles
{
    public static void Warn(ILogger logger, PlanSet plans, string configurationPath)
    {
        var profiles = plans.Plans.Values.OrderBy(p => p.Profile, StringComparer.Ordinal).ToArray();
        var thumbprints = new Dictionary<SigningKey, string>(ReferenceEqualityComparer.Instance);
        string Thumbprint(SigningPlan plan)
        {
            if (!thumbprints.TryGetValue(plan.Key.Key, out var thumbprint)) thumbprints[plan.Key.Key] = thumbprint = JwkThumbprint.Compute(plan.Key.Key);
            return thumbprint;
        }
        // Each profile's audiences once, not once per pair it is compared in.
        var audiences = new Dictionary<SigningPlan, string[]>(ReferenceEqualityComparer.Instance);
        string[] AudiencesOf(SigningPlan plan)
        {
            if (!audiences.TryGetValue(plan, out var values)) audiences[plan] = values = Audiences(plan.ClaimOptions.Audience);
            return values;
        }

        // Only profiles of one algorithm and one key can accept each other's tokens, so the pairs are sought within
        // those groups, not among all pairs (400 profiles are 79,800 pairs), and reported in name order as ever.
        var pairs = new List<(int First, int Second)>();
        foreach (var sameAlgorithm in Enumerable.Range(0, profiles.Length).GroupBy(i => profiles[i].Algorithm))
        {
            if (sameAlgorithm.Count() < 2) continue;
            foreach (var sameKey in sameAlgorithm.GroupBy(i => Thumbprint(profiles[i]), StringComparer.Ordinal))
            {
                int[] members = sameKey.ToArray();
                for (int a = 0; a < members.Length; a++)
                {
                    for (int b = a + 1; b < members.Length; b++)
                    {
                        var (first, second) = (profiles[members[a]], profiles[members[b]]);
                        if (Accepts(first, second, Thumbprint, AudiencesOf) || Accepts(second, first, Thumbprint, AudiencesOf)) pairs.Add((members[a], members[b]));
                    }
                }
            }
        }
        pairs.Sort();
        foreach (var (i, j) in pairs)
        {
            var (first, second) = (profiles[i], profiles[j]);
            IssuerLog.InterchangeableProfiles(logger, first.Profile, second.Profile, first.KeyId ?? first.Key.KeyId, first.Algorithm,
                first.TokenType ?? "(none)", $"{configurationPath}:Profiles:{second.Profile}");
        }
    }

    /// <summary>
    /// Whether validation from <paramref name="validating"/> accepts a token of <paramref name="issued"/>, by the
    /// rules <c>ValidateTokensFromProfile</c> applies: key and algorithm, <c>typ</c>, the issuer and audiences the
    /// profile sets (none set accepts any), and an <c>exp</c> when the profile's tokens expire.
    /// </summary>
    internal static bool Accepts(SigningPlan validating, SigningPlan issued, Func<SigningPlan, string> thumbprint, Func<SigningPlan, string[]> audiencesOf)
    {
        if (validating.Algorithm != issued.Algorithm) return false;
        if (validating.KeyId is { } expectedKid && issued.KeyId is { } kid && expectedKid != kid) return false;
        if (!ReferenceEquals(validating.Key.Key, issued.Key.Key) && thumbprint(validating) != thumbprint(issued)) return false;
        if (!string.Equals(validating.TokenType, issued.TokenType, StringComparison.OrdinalIgnoreCase)) return false;

        var expected = validating.ClaimOptions;
        var actual = issued.ClaimOptions;
        if (expected.Issuer is not null && expected.Issuer != actual.Issuer) return false;
        var expectedAudiences = audiencesOf(validating);
        if (expectedAudiences.Length > 0 && !HasAny(audiencesOf(issued), expectedAudiences)) return false;
        return expected.ExpiresIn is null || actual.ExpiresIn is not null;
    }

    private static bool HasAny(string[] values, string[] wanted)
    {
        foreach (string value in values)
        {
            if (Array.IndexOf(wanted, value) >= 0) return true;
        }
        return false;
    }

    internal static string[] Audiences(JwtAudience? audience) => audience switch
    {
        { Single: { } single } => [single],
        { Values: { } values } => values.Select(v => v?.ToString() ?? "").ToArray(),
        _ => [],
    };
}
