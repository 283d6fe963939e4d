namespace TokenIssuer;

/// <summary>
/// Declares a token profile whose per-call claims are the properties of the annotated record or class.
/// The source generator emits <c>Issue{Name}(this IJwtIssuer, TClaims claims)</c>, and the properties are the profile's
/// declared claims (its <c>Parameters</c>), against which <c>IJwtIssuer.Issue(name, claims)</c> is checked. A configuration profile
/// of the same name is the same profile: the attribute gives shape and defaults, configuration gives
/// keys and environment-specific values (configuration wins where both set an option). Only the generator
/// reads the attribute, and nothing is generated into the type, so it need not be <c>partial</c>; a type in a
/// class library works in the apps that reference it (their generator registers and types it).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class JwtProfileAttribute : Attribute
{
    /// <summary>Declares the profile <paramref name="name"/> (a valid C# identifier).</summary>
    public JwtProfileAttribute(string name) => Name = name;

    /// <summary>The profile name.</summary>
    public string Name { get; }

    /// <summary>
    /// The algorithm. Leave the argument out to let it follow the key (HS256 for a secret, RS256 for RSA, ES256/384/512
    /// by EC curve) or configuration's <c>Algorithm</c>: the generator reads whether the argument is written, not the
    /// property, whose unset value is <see cref="JwtAlgorithm.HS256"/> (the enum's first member).
    /// </summary>
    public JwtAlgorithm Algorithm { get; set; }

    /// <summary>Lifetime, e.g. "15m" (a unit-less value means seconds).</summary>
    public string? ExpiresIn { get; set; }

    /// <summary>Delay before validity, e.g. "30s".</summary>
    public string? NotBefore { get; set; }

    /// <summary>The <c>aud</c> claim (one value).</summary>
    public string? Audience { get; set; }

    /// <summary>The <c>iss</c> claim.</summary>
    public string? Issuer { get; set; }

    /// <summary>The name of the key under <c>JwtIssuer:Keys</c>.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Leave out <c>iat</c>.</summary>
    public bool NoTimestamp { get; set; }

    /// <summary>A fixed <c>sub</c> claim (usually the subject is a per-call property instead).</summary>
    public string? Subject { get; set; }

    /// <summary>A fixed <c>jti</c> claim: the same in every token. See <see cref="GenerateJwtId"/> for a fresh one.</summary>
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
    /// <c>sub</c> from Subject or a property and <c>client_id</c> from configuration's Claims or a property
    /// (<c>[property: JwtClaim("client_id")]</c>).
    /// </summary>
    public bool Rfc9068 { get; set; }

    /// <summary>
    /// Let <c>IJwtIssuer.Issue(profile, claims)</c> pass claims that are not properties of the type (the properties
    /// are still checked). Off by default: a claim the type does not declare is refused.
    /// </summary>
    public bool AllowUndeclaredClaims { get; set; }
}

/// <summary>Names the claim a property of a <see cref="JwtProfileAttribute"/> type is written as (default: the property name in camelCase).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class JwtClaimAttribute : Attribute
{
    /// <summary>Writes the property as the claim <paramref name="name"/>.</summary>
    public JwtClaimAttribute(string name) => Name = name;

    /// <summary>The claim name.</summary>
    public string Name { get; }
}
