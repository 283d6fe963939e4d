namespace TokenIssuer;

/// <summary>
/// The <c>JwtIssuer</c> configuration section: named keys and named token profiles. Names are
/// case-insensitive, as configuration keys are.
/// </summary>
public sealed class JwtIssuerOptions
{
    /// <summary>The default configuration section name.</summary>
    public const string SectionName = ProfileOptionNames.SectionName;

    /// <summary>Signing keys by name; a profile's <see cref="JwtProfileOptions.SigningKey"/> refers to one.</summary>
    public IDictionary<string, JwtKeyOptions> Keys { get; } = new Dictionary<string, JwtKeyOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Token profiles by name; each becomes an <c>Issue{Profile}</c> method and an <see cref="IJwtIssuer"/> profile.</summary>
    public IDictionary<string, JwtProfileOptions> Profiles { get; } = new Dictionary<string, JwtProfileOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Where development keys are kept (Development environment only); a relative path starts from the content
    /// root. Default: the user's local application data, <c>TokenIssuer/development-keys/{ApplicationName}</c>,
    /// outside the source tree.
    /// </summary>
    public string? DevelopmentKeysDirectory { get; set; }

    /// <summary>
    /// The app's public base URL (<c>https://id.example.com</c>, with any path base), from which
    /// <c>MapOpenIdConfiguration()</c> writes <c>jwks_uri</c>, never from a request's Host. An absolute
    /// http(s) URL, https outside Development. When empty, a profile's https <c>Issuer</c> serves.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// How often the <c>PemFile</c> keys are compared with what was loaded (default 30 seconds), besides the
    /// file events that make the comparison at once: the poll catches what events miss (a Kubernetes secret
    /// volume's <c>..data</c> swap, a re-created folder, network file systems).
    /// </summary>
    public TimeSpan KeyFilePollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The configuration path the options were read from, for messages.</summary>
    internal string ConfigurationPath { get; set; } = SectionName;

    /// <summary>Problems found while reading configuration (unknown options, wrong shapes), reported at start-up with the rest.</summary>
    internal List<string> ConfigurationProblems { get; } = new();
}

/// <summary>
/// Where a signing key comes from: exactly one of <see cref="Pem"/>, <see cref="PemFile"/>,
/// <see cref="Secret"/>, <see cref="SecretBase64"/>, <see cref="Jwk"/> or <see cref="Managed"/>.
/// </summary>
public sealed class JwtKeyOptions
{
    /// <summary>A private key in PEM (PKCS#8, PKCS#1, SEC1 or encrypted PKCS#8).</summary>
    public string? Pem { get; set; }

    /// <summary>A file holding a PEM private key; a relative path is read from the content root. Watched for changes.</summary>
    public string? PemFile { get; set; }

    /// <summary>An HMAC secret as text (its UTF-8 bytes). Keep it in user-secrets or the environment, not in appsettings.json.</summary>
    public string? Secret { get; set; }

    /// <summary>An HMAC secret as base64 or base64url.</summary>
    public string? SecretBase64 { get; set; }

    /// <summary>A private JSON Web Key (RSA, EC or oct) as JSON text.</summary>
    public string? Jwk { get; set; }

    /// <summary>The passphrase of an encrypted PEM key.</summary>
    public string? Passphrase { get; set; }

    /// <summary>The <c>kid</c>; when empty, the RFC 7638 thumbprint of the key is used.</summary>
    public string? KeyId { get; set; }

    /// <summary>
    /// A key the issuer generates, rotates and retires itself, shared by every instance through the key store
    /// (<c>PersistKeysToFileSystem</c>); its <c>kid</c> is each generated key's thumbprint. See docs/key-rotation.md.
    /// </summary>
    public JwtManagedKeyOptions? Managed { get; set; }
}

/// <summary>
/// A named token profile: every option of the signing engine plus the key, fixed claims and per-call
/// claim declarations. Durations: a value with a unit follows the ms grammar ("15m", "2 days"); a
/// unit-less value means <b>seconds</b> (configuration cannot tell 300 from "300").
/// </summary>
public sealed class JwtProfileOptions
{
    /// <summary>The algorithm (HS256 … ES512). When empty, it follows the signing key.</summary>
    public string? Algorithm { get; set; }

    /// <summary>The name of the key in <see cref="JwtIssuerOptions.Keys"/> that signs this profile's tokens.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Token lifetime (<c>exp</c>).</summary>
    public string? ExpiresIn { get; set; }

    /// <summary>Delay before the token is valid (<c>nbf</c>).</summary>
    public string? NotBefore { get; set; }

    /// <summary>The <c>aud</c> claim: one value is written as a string, several as an array.</summary>
    public IList<string> Audience { get; } = new List<string>();

    /// <summary>The <c>iss</c> claim.</summary>
    public string? Issuer { get; set; }

    /// <summary>A fixed <c>sub</c> claim (usually the subject is a per-call parameter instead).</summary>
    public string? Subject { get; set; }

    /// <summary>A fixed <c>jti</c> claim: the same in every token (jsonwebtoken's <c>jwtid</c>). See <see cref="GenerateJwtId"/> for a fresh one.</summary>
    public string? JwtId { get; set; }

    /// <summary>
    /// Give every token a fresh, unguessable <c>jti</c>: 128 random bits from a cryptographic generator, base64url
    /// (22 characters). Cannot be combined with <see cref="JwtId"/>.
    /// </summary>
    public bool GenerateJwtId { get; set; }

    /// <summary>
    /// The profile issues OAuth 2.0 access tokens in the RFC 9068 profile: <c>typ</c> is <c>at+jwt</c> (set
    /// automatically), and every token carries <c>iss</c>, <c>exp</c>, <c>aud</c>, <c>sub</c>, <c>client_id</c>,
    /// <c>iat</c> and <c>jti</c>. The profile must set Issuer, ExpiresIn, Audience and GenerateJwtId, take
    /// <c>sub</c> from Subject or a declared parameter and <c>client_id</c> from Claims or a declared parameter.
    /// Validation from the profile requires those claims.
    /// </summary>
    public bool Rfc9068 { get; set; }

    /// <summary>
    /// When the profile declares <see cref="Parameters"/>, let <c>IJwtIssuer.Issue(profile, claims)</c> pass claims
    /// that are not declared (the declared ones are still checked). Off by default: an undeclared claim is refused.
    /// </summary>
    public bool AllowUndeclaredClaims { get; set; }

    /// <summary>The <c>kid</c> header; by default the signing key's id.</summary>
    public string? KeyId { get; set; }

    /// <summary>Leave out <c>iat</c>.</summary>
    public bool NoTimestamp { get; set; }

    /// <summary>Extra header members (e.g. <c>typ: at+jwt</c>); <c>alg</c>, <c>kid</c>, <c>crit</c>, <c>jku</c>, <c>x5u</c>, <c>jwk</c> and <c>x5c</c> (in any case) are not allowed.</summary>
    public IDictionary<string, string> Header { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Claims put in every token of the profile. Values from configuration are strings.</summary>
    public IDictionary<string, string> Claims { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Per-call claims and their C# types (<c>string</c>, <c>bool</c>, <c>int</c>, <c>long</c>,
    /// <c>double</c>, <c>decimal</c>, <c>Guid</c>, <c>DateTimeOffset</c>, <c>string[]</c>, nullable forms),
    /// in declaration order; they become the parameters of the generated <c>Issue{Profile}</c> method.
    /// </summary>
    public IList<KeyValuePair<string, string>> Parameters { get; } = new List<KeyValuePair<string, string>>();

    /// <summary>Allow RSA keys under 2048 bits and HMAC secrets shorter than the hash. Insecure.</summary>
    public bool AllowInsecureKeySizes { get; set; }

    /// <summary>Allow a key type or EC curve that does not fit the algorithm.</summary>
    public bool AllowInvalidAsymmetricKeyTypes { get; set; }
}
