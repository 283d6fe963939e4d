using System;
using System.Collections.Generic;
using TokenIssuer.Generator.Diagnostics;
using TokenIssuer.Generator.Parsing;

namespace TokenIssuer.Generator.Model;

/// <summary>
/// Two profiles whose generated members would have the same C# name (TKI023): <c>Access</c>'s
/// <c>IssueAccessToken</c> (its token with facts) is <c>AccessToken</c>'s <c>IssueAccessToken</c>, and names that
/// differ only in formatting characters, which C# ignores, are one identifier. Configuration tells the profiles
/// apart, so start-up does not refuse them; only the generated methods clash.
/// </summary>
internal static class MethodNameCollisions
{
    /// <summary>
    /// One diagnostic per profile that repeats the generated name of a profile declared before it, at the later one
    /// (<paramref name="sites"/> in declaration order, one per profile).
    /// </summary>
    public static IEnumerable<DiagnosticInfo> Find(IReadOnlyList<ProfileSite> sites)
    {
        // Each generated name and the profile it belongs to, in declaration order; a profile owns Issue{Name} and Issue{Name}Token.
        var owners = new Dictionary<string, (ProfileSite Site, bool Facts)>(StringComparer.Ordinal);
        foreach (var site in sites)
        {
            string? sentence = null;
            foreach (var (method, facts) in new[] { (NameRules.IssueMethod(site.Name), false), (NameRules.FactsMethod(site.Name), true) })
            {
                if (owners.TryGetValue(method, out var owner))
                {
                    sentence ??= Sentence(owner.Site.Name, owner.Facts, site.Name, facts, method);
                    continue;
                }
                owners[method] = (site, facts);
            }
            if (sentence is not null)
            {
                yield return DiagnosticInfo.Rule(DiagnosticDescriptors.MethodNameCollision, site.Location, site.Where, sentence);
            }
        }
    }

    private static string Sentence(string earlier, bool earlierFacts, string later, bool laterFacts, string method)
    {
        string how = NameRules.Identifier(earlier) == NameRules.Identifier(later)
            ? $"the names differ only in formatting characters, which C# ignores in an identifier, so they are one C# name"
            : $"{Role(earlier, earlierFacts)} and {Role(later, laterFacts)}";
        return $"the profiles \"{NameRules.Visible(earlier)}\" and \"{NameRules.Visible(later)}\" would both generate {method} ({how}); rename one of them.";
    }

    private static string Role(string profile, bool facts)
        => facts
            ? $"the token-with-facts method of \"{NameRules.Visible(profile)}\""
            : $"the Issue method of \"{NameRules.Visible(profile)}\"";
}
