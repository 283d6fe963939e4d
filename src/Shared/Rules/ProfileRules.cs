using System;
using System.Collections.Generic;

namespace TokenIssuer;

/// <summary>
/// The rules a token profile must follow, written once and compiled into both the runtime (start-up
/// validation in <c>ProfileCompiler</c>) and the source generator (build diagnostics), so that build time
/// and start-up refuse the same profiles with the same sentence (<see cref="ProfileSentences"/>).
/// Plain, dependency-free C# for netstandard2.0 and net10.0. Each check returns null when the value is fine.
/// </summary>
internal static class ProfileRules
{
    /// <summary>Which option sets which registered claim (jsonwebtoken's audience, issuer, subject, jwtid).</summary>
    private static readonly KeyValuePair<string, string>[] ClaimOptions =
    {
        new KeyValuePair<string, string>("aud", ProfileOptionNames.Audience),
        new KeyValuePair<string, string>("iss", ProfileOptionNames.Issuer),
        new KeyValuePair<string, string>("sub", ProfileOptionNames.Subject),
        new KeyValuePair<string, string>("jti", ProfileOptionNames.JwtId),
    };

    /// <summary>The claims each token computes itself, which neither fixed nor per-call claims may set.</summary>
    public static readonly string[] TimeClaims = { "iat", "exp", "nbf" };

    public static bool IsTimeClaim(string name) => Array.IndexOf(TimeClaims, name) >= 0;

    /// <summary>
    /// The claims a profile's options set, mapped to the option that sets each: <c>aud</c> → Audience when
    /// the profile has an audience, and so on. Pass whether each option has a value; <c>jti</c> is set by
    /// JwtId, or by GenerateJwtId (a fresh id per token).
    /// </summary>
    public static Dictionary<string, string> ClaimsSetByOptions(bool audience, bool issuer, bool subject, bool jwtId, bool generateJwtId = false)
    {
        bool[] set = { audience, issuer, subject, jwtId };
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < ClaimOptions.Length; i++)
        {
            if (set[i]) claims[ClaimOptions[i].Key] = ClaimOptions[i].Value;
        }
        if (generateJwtId && !jwtId) claims["jti"] = ProfileOptionNames.GenerateJwtId;
        return claims;
    }

    /// <summary>GenerateJwtId writes a fresh <c>jti</c> into each token; a constant JwtId beside it would say the opposite.</summary>
    public static RuleViolation? JwtIdOptions(bool generateJwtId, bool jwtId)
        => generateJwtId && jwtId ? new RuleViolation(ProfileOptionNames.GenerateJwtId, ProfileSentences.GenerateJwtIdWithJwtId()) : null;

    /// <summary>
    /// Reads <c>Algorithm</c>: blank means "follow the key"; the name is exact and case-sensitive
    /// (surrounding spaces aside); <c>none</c> is refused.
    /// </summary>
    public static RuleViolation? Algorithm(string? text, out JwtAlgorithm? algorithm)
    {
        algorithm = null;
        if (text is null || text.Trim().Length == 0) return null;
        if (text == "none") return new RuleViolation(ProfileOptionNames.Algorithm, ProfileSentences.NoneAlgorithm());
        if (JwtAlgorithmNames.TryParse(text.Trim(), out var parsed))
        {
            algorithm = parsed;
            return null;
        }
        return new RuleViolation(ProfileOptionNames.Algorithm, ProfileSentences.UnknownAlgorithm(text));
    }

    /// <summary>An algorithm given as a number (an attribute's enum value) that names no member.</summary>
    public static RuleViolation? AlgorithmValue(int value, out JwtAlgorithm? algorithm)
    {
        algorithm = null;
        if (value >= 0 && value < JwtAlgorithmNames.All.Length)
        {
            algorithm = (JwtAlgorithm)value;
            return null;
        }
        return new RuleViolation(ProfileOptionNames.Algorithm, ProfileSentences.UnknownAlgorithm(value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Reads a duration option (<c>ExpiresIn</c>, <c>NotBefore</c>). A unit-less value is seconds in a
    /// profile (configuration cannot tell a JSON number from a string); a value with a unit follows ms.
    /// Blank means unset. <paramref name="seconds"/> is the duration in seconds when it parses.
    /// </summary>
    public static RuleViolation? Duration(string option, string? text, out double? seconds, out bool hasUnit)
    {
        seconds = null;
        hasUnit = false;
        if (text is null || text.Trim().Length == 0) return null;
        if (!DurationParser.TryParseMilliseconds(text, out double value, out hasUnit))
        {
            return new RuleViolation(option, ProfileSentences.BadDuration(text));
        }
        seconds = hasUnit ? value / DurationParser.MillisecondsPerSecond : value;
        return null;
    }

    /// <summary>The warning for a unit-less duration written as a string (seconds here, milliseconds in the engine).</summary>
    public static RuleViolation UnitlessDuration(string option, string text) => new RuleViolation(option, ProfileSentences.UnitlessDuration(text));

    /// <summary>The largest NumericDate a token may carry: 9999-12-31T23:59:59Z (what .NET's dates, and so validators, can read).</summary>
    public const double MaxNumericDate = 253402300799;

    /// <summary>
    /// The lifetime rules: neither duration beyond what a token can carry, an ExpiresIn of at least one second,
    /// and NotBefore earlier than ExpiresIn. A token's times are whole seconds (exp = iat + the lifetime, rounded
    /// down), so the durations are compared after rounding: "500ms" would give exp == iat, NotBefore "1.5s" with
    /// ExpiresIn "1.9s" nbf == exp. Nor may exp or nbf pass the year 9999 for a token issued at <paramref name="issuedAt"/>
    /// (a NumericDate; default the system clock). Takes the durations in seconds as <see cref="Duration"/> read them.
    /// </summary>
    public static List<RuleViolation> Lifetime(double? expiresIn, string? expiresInText, double? notBefore, string? notBeforeText, double? issuedAt = null)
    {
        // Callers with a clock pass its now; the default only decides lifetimes ending within moments of the year 9999.
        double now = issuedAt ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var violations = new List<RuleViolation>();
        if (IsTooLarge(expiresIn) || expiresIn is { } e0 && now + Math.Floor(e0) > MaxNumericDate)
        {
            violations.Add(new RuleViolation(ProfileOptionNames.ExpiresIn, ProfileSentences.DurationTooLarge(expiresInText ?? "")));
            expiresIn = null;
        }
        if (IsTooLarge(notBefore) || notBefore is { } n0 && now + Math.Floor(n0) > MaxNumericDate)
        {
            violations.Add(new RuleViolation(ProfileOptionNames.NotBefore, ProfileSentences.DurationTooLarge(notBeforeText ?? "")));
            notBefore = null;
        }
        if (expiresIn is { } lifetime && lifetime <= 0)
        {
            violations.Add(new RuleViolation(ProfileOptionNames.ExpiresIn, ProfileSentences.NonPositiveLifetime(expiresInText ?? "")));
        }
        else if (expiresIn is { } shortLifetime && Math.Floor(shortLifetime) < 1)
        {
            violations.Add(new RuleViolation(ProfileOptionNames.ExpiresIn, ProfileSentences.SubSecondLifetime(expiresInText ?? "")));
        }
        else if (expiresIn is { } e && notBefore is { } n && Math.Floor(n) >= Math.Floor(e))
        {
            violations.Add(new RuleViolation(ProfileOptionNames.NotBefore, ProfileSentences.NeverValid()));
        }
        return violations;
    }

    /// <summary>A duration (in seconds, either sign) beyond what a <see cref="TimeSpan"/>, and so a token, can carry.</summary>
    public static bool IsTooLarge(double? seconds) => seconds is { } value && Math.Abs(value) >= TimeSpan.MaxValue.TotalSeconds;

    /// <summary>
    /// The header members a profile may not set: <c>alg</c> comes from Algorithm and <c>kid</c> from the key (a
    /// different kid makes validators miss the key); <c>crit</c> extensions are not implemented; <c>jku</c>,
    /// <c>x5u</c>, <c>jwk</c> and <c>x5c</c> point validators at a key the token names (RFC 8725 §3.10).
    /// </summary>
    public static readonly string[] ForbiddenHeaderMembers = { "alg", "kid", "crit", "jku", "x5u", "jwk", "x5c" };

    /// <summary>
    /// A header member a profile may not set (<see cref="ForbiddenHeaderMembers"/>), in any case: header names are
    /// case-sensitive, but a validator or proxy that compares without case would read <c>ALG</c> as <c>alg</c>.
    /// </summary>
    public static RuleViolation? HeaderMember(string name)
    {
        foreach (string forbidden in ForbiddenHeaderMembers)
        {
            if (string.Equals(forbidden, name, StringComparison.OrdinalIgnoreCase))
            {
                return new RuleViolation(ProfileOptionNames.Header, ProfileSentences.ForbiddenHeader(name, forbidden));
            }
        }
        return null;
    }

    /// <summary>The <c>typ</c> of an RFC 9068 access token (§2.1), which such a profile sets itself.</summary>
    public const string AccessTokenType = "at+jwt";

    /// <summary>The claims RFC 9068 §2.2 requires in every access token.</summary>
    public static readonly string[] AccessTokenClaims = { "iss", "exp", "aud", "sub", "client_id", "iat", "jti" };

    /// <summary>
    /// In an RFC 9068 profile, a Header <c>typ</c> other than at+jwt (or its media type form) is refused: the
    /// profile sets at+jwt itself. Null for other headers and profiles.
    /// </summary>
    public static RuleViolation? AccessTokenHeader(string name, string? value, bool rfc9068)
    {
        if (!rfc9068 || !string.Equals(name, "typ", StringComparison.OrdinalIgnoreCase)) return null;
        if (name == "typ" && value is not null
            && (string.Equals(value, AccessTokenType, StringComparison.OrdinalIgnoreCase) || string.Equals(value, "application/" + AccessTokenType, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        return new RuleViolation(ProfileOptionNames.Header, ProfileSentences.AccessTokenType(name, value ?? ""));
    }

    /// <summary>
    /// What an RFC 9068 profile must guarantee (§2.2): iss, exp and aud from its options, sub from Subject or a
    /// declared parameter, client_id from Claims or a declared parameter, iat (no NoTimestamp) and a unique jti
    /// (GenerateJwtId; a constant JwtId is refused). Every violation is located at the profile's Rfc9068 option.
    /// </summary>
    public static List<RuleViolation> AccessToken(AccessTokenFacts facts)
    {
        var violations = new List<RuleViolation>();
        void Need(string? sentence)
        {
            if (sentence is not null) violations.Add(new RuleViolation(ProfileOptionNames.Rfc9068, sentence));
        }
        if (!facts.Issuer) Need(ProfileSentences.AccessTokenNeeds("iss", "set Issuer"));
        if (!facts.ExpiresIn) Need(ProfileSentences.AccessTokenNeeds("exp", "set ExpiresIn (RFC 9068 access tokens are short-lived, e.g. \"15m\")"));
        if (!facts.Audience) Need(ProfileSentences.AccessTokenNeeds("aud", "set Audience to the resource server(s) the tokens are for"));
        Need(PerCallOrFixed("sub", facts.Subject, facts.SubjectParameterType, ProfileOptionNames.Subject));
        Need(PerCallOrFixed("client_id", facts.ClientIdClaim, facts.ClientIdParameterType, ProfileOptionNames.Claims));
        if (facts.NoTimestamp) Need(ProfileSentences.AccessTokenNeeds("iat", "remove NoTimestamp"));
        if (facts.JwtId && !facts.GenerateJwtId) Need(ProfileSentences.AccessTokenConstantJwtId());
        else if (!facts.GenerateJwtId) Need(ProfileSentences.AccessTokenNeeds("jti", "set GenerateJwtId to true (a fresh id per token)"));
        return violations;
    }

    /// <summary>sub or client_id: set by an option or fixed claim, or by a declared parameter that cannot be left out.</summary>
    private static string? PerCallOrFixed(string claim, bool fixedValue, string? parameterType, string fixedOption)
    {
        if (fixedValue) return null;
        if (parameterType is null)
        {
            string how = fixedOption == ProfileOptionNames.Subject
                ? "set Subject, or declare \"sub\" in Parameters (\"sub\": \"string\")"
                : "add \"client_id\" to Claims (the client the tokens are for, e.g. \"client_id\": \"my-spa\"), or declare it in Parameters (\"client_id\": \"string\")";
            return ProfileSentences.AccessTokenNeeds(claim, how);
        }
        if (!ClaimParameterTypes.TryParse(parameterType, out string csharpType, out bool nullable)) return null; // refused as a parameter type already
        return nullable || (csharpType != "string" && csharpType != "global::System.Guid")
            ? ProfileSentences.AccessTokenParameterType(claim, parameterType)
            : null;
    }

    /// <summary>A fixed claim (under <c>Claims</c>) must be neither a time claim nor one the profile's options set.</summary>
    public static RuleViolation? FixedClaim(string claim, IReadOnlyDictionary<string, string> claimsSetByOptions)
    {
        if (IsTimeClaim(claim)) return new RuleViolation(ProfileOptionNames.Claims, ProfileSentences.TimeClaimInClaims(claim));
        if (claimsSetByOptions.TryGetValue(claim, out var option)) return new RuleViolation(ProfileOptionNames.Claims, ProfileSentences.ReservedFixedClaim(claim, option));
        return null;
    }

    /// <summary>The option path of a per-call claim: <c>Parameters:{claim}</c>.</summary>
    public static string ParameterOption(string claim) => ProfileOptionNames.Parameters + ":" + claim;

    /// <summary>A per-call claim's declared C# type must be one the claim writer supports.</summary>
    public static RuleViolation? ParameterType(string claim, string? type, out string csharpType, out bool nullable)
    {
        if (ClaimParameterTypes.TryParse(type, out csharpType, out nullable)) return null;
        return new RuleViolation(ParameterOption(claim), ProfileSentences.UnsupportedParameterType(type ?? ""));
    }

    /// <summary>
    /// A per-call claim must not be a time claim, a claim the options set, or a fixed claim.
    /// </summary>
    public static RuleViolation? ParameterClaim(string claim, IReadOnlyDictionary<string, string> claimsSetByOptions, Func<string, bool> isFixedClaim)
    {
        string? with = IsTimeClaim(claim) ? ProfileSentences.CollidesWithTimeClaim
            : claimsSetByOptions.TryGetValue(claim, out var option) ? ProfileSentences.CollidesWithOption(option)
            : isFixedClaim(claim) ? ProfileSentences.CollidesWithFixedClaim
            : null;
        return with is null ? null : ParameterCollision(claim, with);
    }

    /// <summary>A per-call claim that collides with <paramref name="with"/> (e.g. another parameter's C# name).</summary>
    public static RuleViolation ParameterCollision(string claim, string with)
        => new RuleViolation(ParameterOption(claim), ProfileSentences.ParameterCollides(claim, with));

    /// <summary>
    /// Stricter than jsonwebtoken: RFC 7518 §3.2 wants an HMAC key at least as long as the hash
    /// (32, 48, 64 bytes), unless the profile sets AllowInsecureKeySizes.
    /// </summary>
    public static RuleViolation? HmacSecretLength(JwtAlgorithm algorithm, int secretBytes, bool allowInsecureKeySizes)
    {
        if (allowInsecureKeySizes || JwtAlgorithmNames.Family(algorithm) != JwtAlgorithmFamily.Hmac) return null;
        return secretBytes < JwtAlgorithmNames.HashBits(algorithm) / 8
            ? new RuleViolation(ProfileOptionNames.SigningKey, ProfileSentences.ShortHmacSecret(algorithm, secretBytes))
            : null;
    }

    /// <summary>A <c>SigningKey</c> must name one of the keys under <c>JwtIssuer:Keys</c>.</summary>
    public static RuleViolation? SigningKeyName(string name, ICollection<string> knownKeys)
    {
        foreach (var key in knownKeys)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return null;
        }
        return new RuleViolation(ProfileOptionNames.SigningKey, ProfileSentences.UnknownSigningKey(name, knownKeys));
    }

    /// <summary>A flag (NoTimestamp, AllowInsecureKeySizes, …) must read as a boolean, as configuration gives it: true or false, any case.</summary>
    public static RuleViolation? Flag(string option, string text)
        => bool.TryParse(text, out _) ? null : new RuleViolation(option, ProfileSentences.NotABoolean(text));

    /// <summary>The name under a profile, a key or the section must be a known option (case-insensitive); null when it is.</summary>
    public static string? UnknownOption(string name, string[] known, string what)
    {
        foreach (var candidate in known)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)) return null;
        }
        return ProfileSentences.UnknownOption(name, known, what);
    }
}
