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
    /// the profile has an audience, and so on. Pass whether each option has a value.
    /// </summary>
    public static Dictionary<string, string> ClaimsSetByOptions(bool audience, bool issuer, bool subject, bool jwtId)
    {
        bool[] set = { audience, issuer, subject, jwtId };
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < ClaimOptions.Length; i++)
        {
            if (set[i]) claims[ClaimOptions[i].Key] = ClaimOptions[i].Value;
        }
        return claims;
    }

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

    /// <summary>
    /// The lifetime rules: neither duration beyond what a token can carry, a positive ExpiresIn, and
    /// NotBefore earlier than ExpiresIn. Takes the durations in seconds as <see cref="Duration"/> read them.
    /// </summary>
    public static List<RuleViolation> Lifetime(double? expiresIn, string? expiresInText, double? notBefore, string? notBeforeText)
    {
        var violations = new List<RuleViolation>();
        if (IsTooLarge(expiresIn))
        {
            violations.Add(new RuleViolation(ProfileOptionNames.ExpiresIn, ProfileSentences.DurationTooLarge(expiresInText ?? "")));
            expiresIn = null;
        }
        if (IsTooLarge(notBefore))
        {
            violations.Add(new RuleViolation(ProfileOptionNames.NotBefore, ProfileSentences.DurationTooLarge(notBeforeText ?? "")));
            notBefore = null;
        }
        if (expiresIn is { } lifetime && lifetime <= 0)
        {
            violations.Add(new RuleViolation(ProfileOptionNames.ExpiresIn, ProfileSentences.NonPositiveLifetime(expiresInText ?? "")));
        }
        else if (expiresIn is { } e && notBefore is { } n && n >= e)
        {
            violations.Add(new RuleViolation(ProfileOptionNames.NotBefore, ProfileSentences.NeverValid()));
        }
        return violations;
    }

    /// <summary>A duration (in seconds, either sign) beyond what a <see cref="TimeSpan"/>, and so a token, can carry.</summary>
    public static bool IsTooLarge(double? seconds) => seconds is { } value && Math.Abs(value) >= TimeSpan.MaxValue.TotalSeconds;

    /// <summary>A header member a profile may not set: <c>alg</c> comes from Algorithm; <c>crit</c> extensions are not implemented.</summary>
    public static RuleViolation? HeaderMember(string name)
        => name == "alg" || name == "crit" ? new RuleViolation(ProfileOptionNames.Header, ProfileSentences.ForbiddenHeader(name)) : null;

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
