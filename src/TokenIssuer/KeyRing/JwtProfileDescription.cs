namespace TokenIssuer;

/// <summary>A profile as a validator sees it.</summary>
/// <param name="Name">The profile name.</param>
/// <param name="Algorithm">The algorithm its tokens are signed with.</param>
/// <param name="Issuer">The <c>iss</c> claim, if the profile sets one.</param>
/// <param name="Audiences">The <c>aud</c> values, if the profile sets them.</param>
/// <param name="KeyId">The <c>kid</c> of its current signing key.</param>
/// <param name="Lifetime">Its tokens' lifetime, if they expire.</param>
public sealed record JwtProfileDescription(string Name, JwtAlgorithm Algorithm, string? Issuer, IReadOnlyList<string> Audiences, string? KeyId, TimeSpan? Lifetime)
{
    /// <summary>The <c>typ</c> header its tokens carry (the profile's <c>Header.typ</c>, else <c>JWT</c>), which tells its tokens from another profile's.</summary>
    public string? TokenType { get; init; } = "JWT";

    /// <summary>
    /// The claims every token of the profile carries, which validation from the profile requires: for an RFC 9068
    /// profile (<c>Rfc9068</c>) iss, exp, aud, sub, client_id, iat and jti; empty otherwise.
    /// </summary>
    public IReadOnlyList<string> RequiredClaims { get; init; } = [];
}
