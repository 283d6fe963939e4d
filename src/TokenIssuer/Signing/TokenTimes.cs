namespace TokenIssuer;

/// <summary>
/// A token's NumericDates: <c>iat</c>, and the <c>nbf</c> and <c>exp</c> the options add to it with
/// jsonwebtoken's arithmetic (see <see cref="JwtDuration"/>).
/// </summary>
internal readonly record struct TokenTimes(double IssuedAt, double? NotBefore, double? Expires)
{
    public static TokenTimes From(double issuedAt, JwtSignOptions options)
        => new(issuedAt, options.NotBefore?.AddTo(issuedAt), options.ExpiresIn?.AddTo(issuedAt));

    /// <summary>The current NumericDate, rounded down as jsonwebtoken's <c>Math.floor(Date.now() / 1000)</c>.</summary>
    public static double Now(TimeProvider time) => Math.Floor(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000d);
}
