namespace TokenIssuer;

/// <summary>
/// Issues tokens from the configured profiles. Registered as a singleton by <c>AddJwtIssuer()</c>;
/// thread-safe. The source generator adds a typed <c>Issue{Profile}</c> extension method per profile.
/// </summary>
public interface IJwtIssuer
{
    /// <summary>The names of the profiles that can be issued.</summary>
    IReadOnlyCollection<string> Profiles { get; }

    /// <summary>
    /// Issues a token of <paramref name="profile"/> carrying the profile's fixed claims, the per-call
    /// <paramref name="claims"/>, and the claims its options set (iat, nbf, exp, aud, iss, sub, jti).
    /// </summary>
    /// <exception cref="JwtSigningException">
    /// The profile is unknown, a per-call claim would override a claim the profile sets, or the profile declares
    /// <c>Parameters</c> and <paramref name="claims"/> lacks one, has one of another type, or has one it does not
    /// declare (unless the profile sets <c>AllowUndeclaredClaims</c>).
    /// </exception>
    string Issue(string profile, IReadOnlyDictionary<string, object?> claims);

    /// <summary>
    /// Issues a token of <paramref name="profile"/> whose per-call claims <paramref name="writeClaims"/>
    /// writes from <paramref name="state"/> straight into the token JSON. This is what the generated
    /// <c>Issue{Profile}</c> methods call; pass a static lambda so nothing is allocated but the token.
    /// </summary>
    /// <exception cref="JwtSigningException">The profile is unknown, or a claim would override one the profile sets.</exception>
    string Issue<TState>(string profile, TState state, JwtClaimsCallback<TState> writeClaims);

    /// <summary>Issues a token of <paramref name="profile"/> with no per-call claims.</summary>
    string Issue(string profile) => Issue(profile, NoClaims);

    /// <summary>
    /// <see cref="Issue{TState}(string, TState, JwtClaimsCallback{TState})"/> for a profile resolved once
    /// (<see cref="JwtProfileKey.For"/>): what the generated <c>Issue{Profile}</c> methods call, so no profile
    /// name is looked up per token.
    /// </summary>
    /// <exception cref="JwtSigningException">The profile is unknown, or a claim would override one the profile sets.</exception>
    string Issue<TState>(JwtProfileKey profile, TState state, JwtClaimsCallback<TState> writeClaims)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Issue(profile.Name, state, writeClaims);
    }

    /// <summary>
    /// Issues a token as <see cref="Issue(string, IReadOnlyDictionary{string, object?})"/> does and returns it
    /// with its facts (profile, algorithm, <c>kid</c>, <c>jti</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>), taken
    /// from what was written: nothing is decoded, and the token string is the only allocation.
    /// </summary>
    /// <exception cref="JwtSigningException">
    /// The profile is unknown, or a per-call claim would override a claim the profile sets.
    /// </exception>
    JwtIssuedToken IssueToken(string profile, IReadOnlyDictionary<string, object?> claims);

    /// <summary>
    /// Issues a token as <see cref="Issue{TState}(string, TState, JwtClaimsCallback{TState})"/> does and
    /// returns it with its facts; see <see cref="IssueToken(string, IReadOnlyDictionary{string, object?})"/>.
    /// </summary>
    /// <exception cref="JwtSigningException">The profile is unknown, or a claim would override one the profile sets.</exception>
    JwtIssuedToken IssueToken<TState>(string profile, TState state, JwtClaimsCallback<TState> writeClaims);

    /// <summary>
    /// <see cref="IssueToken{TState}(string, TState, JwtClaimsCallback{TState})"/> for a profile resolved once:
    /// what the generated <c>Issue{Profile}Token</c> methods call.
    /// </summary>
    /// <exception cref="JwtSigningException">The profile is unknown, or a claim would override one the profile sets.</exception>
    JwtIssuedToken IssueToken<TState>(JwtProfileKey profile, TState state, JwtClaimsCallback<TState> writeClaims)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return IssueToken(profile.Name, state, writeClaims);
    }

    // A Dictionary rather than ReadOnlyDictionary.Empty: the issuer enumerates a Dictionary without allocating.
    private static readonly IReadOnlyDictionary<string, object?> NoClaims = new Dictionary<string, object?>();
}
