namespace TokenIssuer;

/// <summary>
/// A token with its facts, as the issuer wrote them: the profile, the algorithm, the <c>kid</c> and <c>jti</c>,
/// and the token's times. Returned by <see cref="IJwtIssuer.IssueToken(string, IReadOnlyDictionary{string, object?})"/>
/// and the generated <c>Issue{Profile}Token</c> methods, so that an app can answer <c>expires_in</c> (or cache the
/// token until <see cref="ExpiresAt"/>) without decoding the token or repeating the profile's lifetime.
/// </summary>
/// <remarks>
/// A struct of what was already at hand while signing: it allocates nothing beyond the token string.
/// <see cref="ToString"/> describes the facts and leaves the token out, since a token is a credential.
/// </remarks>
public readonly struct JwtIssuedToken
{
    // NumericDates as the token carries them (seconds since the epoch, whole unless the lifetime has a fraction).
    private readonly double _issuedAt;
    private readonly double? _notBefore;
    private readonly double? _expires;

    internal JwtIssuedToken(string token, string profile, JwtAlgorithm algorithm, string? keyId, string? jwtId, TokenTimes times)
    {
        Token = token;
        Profile = profile;
        Algorithm = algorithm;
        KeyId = keyId;
        JwtId = jwtId;
        _issuedAt = times.IssuedAt;
        _notBefore = times.NotBefore;
        _expires = times.Expires;
    }

    /// <summary>The signed token (compact JWS).</summary>
    public string Token { get; }

    /// <summary>The profile that issued it.</summary>
    public string Profile { get; }

    /// <summary>The algorithm in its header (<c>alg</c>).</summary>
    public JwtAlgorithm Algorithm { get; }

    /// <summary>The <c>kid</c> in its header; null when the header has none.</summary>
    public string? KeyId { get; }

    /// <summary>Its <c>jti</c> claim; null when the token has none.</summary>
    public string? JwtId { get; }

    /// <summary>
    /// When it was issued: its <c>iat</c> claim, and the time <c>nbf</c> and <c>exp</c> count from (also for a
    /// profile with <c>NoTimestamp</c>, whose tokens carry no <c>iat</c>).
    /// </summary>
    public DateTimeOffset IssuedAt => FromNumericDate(_issuedAt);

    /// <summary>Its <c>nbf</c> claim; null when the profile sets no <c>NotBefore</c>.</summary>
    public DateTimeOffset? NotBefore => _notBefore is { } notBefore ? FromNumericDate(notBefore) : null;

    /// <summary>Its <c>exp</c> claim; null when the profile's tokens do not expire.</summary>
    public DateTimeOffset? ExpiresAt => _expires is { } expires ? FromNumericDate(expires) : null;

    /// <summary>
    /// How long it is valid from <see cref="IssuedAt"/> (<c>exp - iat</c>): an OAuth token response's
    /// <c>expires_in</c> is <c>(int)ExpiresIn.Value.TotalSeconds</c>. Null when the token does not expire.
    /// </summary>
    public TimeSpan? ExpiresIn => _expires is { } expires ? TimeSpan.FromSeconds(expires - _issuedAt) : null;

    /// <summary>The facts, without the token itself.</summary>
    public override string ToString()
        => $"{Profile} token ({JwtAlgorithmNames.Name(Algorithm)}, kid {KeyId ?? "(none)"}, jti {JwtId ?? "(none)"}, issued {IssuedAt:u}, expires {(ExpiresAt is { } e ? e.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "never")})";

    private static DateTimeOffset FromNumericDate(double seconds)
        => DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
}
