namespace TokenIssuer;

/// <summary>
/// What a profile promises about its tokens' claims beyond the engine's options, compiled once with its plan:
/// a fresh <c>jti</c> per token (GenerateJwtId), the RFC 9068 access-token claims (Rfc9068), and the declared
/// per-call claims the dynamic path is checked against (Parameters).
/// </summary>
internal sealed class ProfileClaimRules
{
    public static readonly ProfileClaimRules None = new(generateJwtId: false, rfc9068: false, declared: null, perCallRequired: []);

    private ProfileClaimRules(bool generateJwtId, bool rfc9068, DeclaredClaims? declared, string[] perCallRequired)
    {
        GenerateJwtId = generateJwtId;
        Rfc9068 = rfc9068;
        Declared = declared;
        PerCallRequired = perCallRequired;
    }

    public static ProfileClaimRules From(JwtProfileOptions profile)
    {
        var declared = DeclaredClaims.From(profile);
        var perCall = new List<string>();
        if (profile.Rfc9068 && string.IsNullOrEmpty(profile.Subject)) perCall.Add("sub");
        if (profile.Rfc9068 && !profile.Claims.ContainsKey("client_id")) perCall.Add("client_id");
        if (!profile.GenerateJwtId && !profile.Rfc9068 && declared is null) return None;
        return new ProfileClaimRules(profile.GenerateJwtId, profile.Rfc9068, declared, perCall.ToArray());
    }

    /// <summary>Each token gets a fresh random <c>jti</c>.</summary>
    public bool GenerateJwtId { get; }

    /// <summary>The profile issues RFC 9068 access tokens.</summary>
    public bool Rfc9068 { get; }

    /// <summary>The declared per-call claims, which the dynamic path checks; null when the profile declares none.</summary>
    public DeclaredClaims? Declared { get; }

    /// <summary>The RFC 9068 claims that come from the call (<c>sub</c>, <c>client_id</c>), which each token must carry.</summary>
    public string[] PerCallRequired { get; }

    /// <summary>The claims every token of the profile carries, which validation from the profile requires.</summary>
    public IReadOnlyList<string> RequiredClaims => Rfc9068 ? ProfileRules.AccessTokenClaims : [];
}
