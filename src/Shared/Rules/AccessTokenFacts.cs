namespace TokenIssuer;

/// <summary>
/// What an RFC 9068 profile's options say about the claims §2.2 requires, as both the runtime (from the
/// bound options) and the generator (from the merged appsettings files) read them, for <see cref="ProfileRules.AccessToken"/>.
/// </summary>
internal sealed class AccessTokenFacts
{
    public bool Issuer { get; set; }
    public bool ExpiresIn { get; set; }
    public bool Audience { get; set; }

    /// <summary>The profile sets <c>Subject</c>.</summary>
    public bool Subject { get; set; }

    /// <summary>The declared type of the <c>sub</c> parameter, or null when none is declared.</summary>
    public string? SubjectParameterType { get; set; }

    /// <summary><c>client_id</c> is one of the fixed <c>Claims</c>.</summary>
    public bool ClientIdClaim { get; set; }

    /// <summary>The declared type of the <c>client_id</c> parameter, or null when none is declared.</summary>
    public string? ClientIdParameterType { get; set; }

    public bool NoTimestamp { get; set; }
    public bool JwtId { get; set; }
    public bool GenerateJwtId { get; set; }
}
