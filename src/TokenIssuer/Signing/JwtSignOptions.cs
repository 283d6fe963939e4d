using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// The options of jsonwebtoken's <c>jwt.sign(payload, key, options)</c>, typed. Every property is
/// optional; the defaults are those of jsonwebtoken 9.0.3 except that, with no algorithm, the
/// algorithm follows the key (a secret → HS256, RSA → RS256, RSASSA-PSS → PS256, EC → ES256/384/512
/// by curve).
/// </summary>
public sealed class JwtSignOptions
{
    /// <summary>The algorithm (<c>algorithm</c>); <c>Header["alg"]</c>, when present, wins over it.</summary>
    public JwtAlgorithm? Algorithm { get; set; }

    /// <summary>Lifetime: <c>exp</c> = <c>iat</c> + this (<c>expiresIn</c>).</summary>
    public JwtDuration? ExpiresIn { get; set; }

    /// <summary>Start of validity: <c>nbf</c> = <c>iat</c> + this (<c>notBefore</c>).</summary>
    public JwtDuration? NotBefore { get; set; }

    /// <summary>The <c>aud</c> claim (<c>audience</c>): one string or a list.</summary>
    public JwtAudience? Audience { get; set; }

    /// <summary>The <c>iss</c> claim (<c>issuer</c>).</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>sub</c> claim (<c>subject</c>).</summary>
    public string? Subject { get; set; }

    /// <summary>The <c>jti</c> claim (<c>jwtid</c>).</summary>
    public string? JwtId { get; set; }

    /// <summary>
    /// The <c>kid</c> header (<c>keyid</c>). When null, the key's own <see cref="SigningKey.KeyId"/> is
    /// used, if it has one. <c>Header["kid"]</c>, when present, wins over both.
    /// </summary>
    public string? KeyId { get; set; }

    /// <summary>Leave <c>iat</c> out of the token, even one the payload carries (<c>noTimestamp</c>).</summary>
    public bool NoTimestamp { get; set; }

    /// <summary>
    /// Header members merged over <c>{alg, typ: "JWT", kid}</c> (<c>header</c>): existing members are
    /// replaced in place, others appended. Values may be any JSON value the payload accepts.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Header { get; set; }

    /// <summary>
    /// Write the claims the options set (<c>iat</c>, <c>nbf</c>, <c>exp</c>, <c>aud</c>, …) into the
    /// caller's payload dictionary (<c>mutatePayload</c>); the payload must then be an
    /// <see cref="IDictionary{TKey, TValue}"/> that is not read-only.
    /// </summary>
    public bool MutatePayload { get; set; }

    /// <summary>Allow RSA keys below 2048 bits (<c>allowInsecureKeySizes</c>). Insecure; for legacy keys only.</summary>
    public bool AllowInsecureKeySizes { get; set; }

    /// <summary>
    /// Skip the check that the key type and EC curve fit the algorithm
    /// (<c>allowInvalidAsymmetricKeyTypes</c>). A signature that cannot be made is still an error.
    /// </summary>
    public bool AllowInvalidAsymmetricKeyTypes { get; set; }

    /// <summary>The clock for <c>iat</c>; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// Reads jsonwebtoken's <c>options</c> object from JSON (<c>{"expiresIn": "1h", "audience": "api"}</c>),
    /// with its rules: an unknown member, or a member of the wrong type (<c>null</c> included), is an error.
    /// A number duration is seconds; a string duration follows the ms grammar (no unit = milliseconds).
    /// </summary>
    /// <exception cref="JwtSigningException">An option is unknown or has the wrong type.</exception>
    public static JwtSignOptions FromJson(JsonElement options) => JsonSignOptionsReader.Read(options);

    /// <summary>Parses <paramref name="json"/> and reads it like <see cref="FromJson(JsonElement)"/>.</summary>
    public static JwtSignOptions FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocuments.Parse(json, "options");
        return JsonSignOptionsReader.Read(document.RootElement.Clone());
    }

    /// <summary>True when the JSON options named noTimestamp, even as false (refused with a string payload).</summary>
    internal bool NoTimestampGiven { get; set; }

    internal static readonly JwtSignOptions Default = new();
}
