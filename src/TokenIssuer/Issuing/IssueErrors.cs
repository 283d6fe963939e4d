namespace TokenIssuer;

/// <summary>Errors of <see cref="IJwtIssuer.Issue(string, IReadOnlyDictionary{string, object?})"/>.</summary>
internal static class IssueErrors
{
    public static JwtSigningException UnknownProfile(string profile, IEnumerable<string> known)
    {
        var names = known.ToList();
        string? suggestion = JwtOptionNames.Suggest(profile, names);
        return new JwtSigningException("profile",
            $"There is no token profile \"{profile}\". The profiles are: {(names.Count == 0 ? "(none configured)" : string.Join(", ", names))}.{(suggestion is null ? "" : $" Did you mean \"{suggestion}\"?")}");
    }

    public static JwtSigningException DuplicateClaim(string profile, string claim) => new(claim,
        $"The claim \"{claim}\" is written twice in a token of profile \"{profile}\"; claim names must be unique (RFC 7519 §4).");

    public static JwtSigningException ClaimSetByProfile(string profile, string claim) => new(claim,
        $"The claim \"{claim}\" is set by profile \"{profile}\" (its options or fixed claims) and cannot be passed per call. Remove it from the call, or from the profile.");

    public static JwtSigningException MissingAccessTokenClaim(string profile, string claim) => new(claim,
        $"Profile \"{profile}\" issues RFC 9068 access tokens, which must carry \"{claim}\" (§2.2), but the call passed none (or null). Pass a value for \"{claim}\".");
}
