using System.Collections.Generic;

namespace TokenIssuer;

/// <summary>
/// The sentences of the profile rules, shared by the runtime's start-up validation and the source
/// generator's build diagnostics. Each says what is wrong and how to fix it; the caller adds where
/// (a configuration path at start-up, a file and line at build time).
/// </summary>
internal static class ProfileSentences
{
    private static string Algorithms => string.Join(", ", JwtAlgorithmNames.All);

    public static string UnknownAlgorithm(string name)
    {
        string hint = JwtAlgorithmNames.Suggest(name) is { } s ? $" Did you mean \"{s}\"?" : "";
        return $"{SensitiveText.QuoteShort(name)} is not an algorithm. Use one of {Algorithms}.{hint}";
    }

    public static string NoneAlgorithm() =>
        $"\"none\" (unsigned tokens) is not supported. Use one of {Algorithms}.";

    public static string BadDuration(string value) =>
        $"{SensitiveText.QuoteShort(value)} is not a duration. Write {DurationParser.GrammarHint}; a number with no unit means seconds.";

    public static string UnitlessDuration(string value) =>
        $"\"{value}\" has no unit and is read as {value} seconds in a profile; write \"{value}s\" (or \"{value}ms\" if you meant milliseconds).";

    public static string DurationTooLarge(string value) =>
        $"{SensitiveText.QuoteShort(value)} is too large to be a token lifetime. Give a duration such as \"15m\" or \"30 days\".";

    public static string NonPositiveLifetime(string value) =>
        $"{SensitiveText.QuoteShort(value)} would issue tokens that are already expired. Give a positive lifetime such as \"15m\".";

    public static string SubSecondLifetime(string value) =>
        $"\"{value}\" is under one second: a token's times are whole seconds, so its exp would equal its iat and it would be expired when issued. Give a lifetime of at least \"1s\", such as \"15m\".";

    public static string GenerateJwtIdWithJwtId() =>
        "GenerateJwtId gives each token a fresh jti, and JwtId gives every token the same one; remove one of them.";

    public static string AccessTokenNeeds(string claim, string how) =>
        $"an RFC 9068 access token must carry \"{claim}\" (§2.2); {how}.";

    public static string AccessTokenConstantJwtId() =>
        "an RFC 9068 access token needs a unique jti (§2.2), but JwtId gives every token the same one; remove JwtId and set GenerateJwtId to true.";

    public static string AccessTokenParameterType(string claim, string type) =>
        $"an RFC 9068 access token must carry \"{claim}\" (§2.2), but Parameters:{claim} is \"{type}\", which may be left out; declare it as string.";

    public static string AccessTokenType(string name, string value) =>
        $"\"{name}\" is \"{value}\", but the tokens of an RFC 9068 profile are typed \"at+jwt\" (§2.1), which the profile sets itself; remove it from Header.";

    public static string NeverValid() =>
        "NotBefore is not earlier than ExpiresIn, so the tokens would never be valid. Shorten NotBefore or lengthen ExpiresIn.";

    public static string ForbiddenHeader(string name) => ForbiddenHeader(name, name.ToLowerInvariant());

    /// <param name="name">The member as written (<c>ALG</c>).</param>
    /// <param name="forbidden">The member it is (<c>alg</c>).</param>
    public static string ForbiddenHeader(string name, string forbidden)
    {
        string variant = name == forbidden ? "" : $" (\"{forbidden}\" in another case, which validators may read as \"{forbidden}\")";
        string? why = forbidden switch
        {
            "alg" => null,
            "kid" => "the kid comes from the signing key (set the key's or the profile's KeyId), and another one would make validators miss the key.",
            "crit" => "TokenIssuer does not implement the critical extensions a validator would have to understand.",
            _ => "it would point validators at a key named by the token itself (RFC 8725 §3.10); publish the keys at the JWKS endpoint instead.",
        };
        return why is null
            ? $"\"{name}\"{variant} cannot be set in Header; set the profile's Algorithm instead."
            : $"\"{name}\"{variant} cannot be set in Header: {why}";
    }

    public static string TimeClaimInClaims(string claim) =>
        $"\"{claim}\" cannot be a fixed claim (a NumericDate computed per token). Use {(claim == "exp" ? "ExpiresIn" : claim == "nbf" ? "NotBefore" : "the issue time, which is automatic")} instead.";

    public static string ReservedFixedClaim(string claim, string option) =>
        $"the claim \"{claim}\" is set by the profile's {option}; remove it from Claims.";

    public static string UnsupportedParameterType(string type)
    {
        string? suggestion = ClaimParameterTypes.Suggest(type);
        return $"\"{type}\" is not a supported claim type. Use {ClaimParameterTypes.SupportedList}.{(suggestion is null ? "" : $" Did you mean \"{suggestion}\"?")}";
    }

    public static string ParameterCollides(string parameter, string with) =>
        $"the per-call claim \"{parameter}\" collides with {with}; rename it or remove the other.";

    /// <summary>What a per-call claim can collide with, in <see cref="ParameterCollides"/>.</summary>
    public const string CollidesWithTimeClaim = "a time claim the profile computes";
    public const string CollidesWithFixedClaim = "a fixed claim in Claims";
    public static string CollidesWithOption(string option) => $"the profile's {option}";

    public static string MissingSigningKey(string environment) =>
        $"the profile has no signing key. Add a key under JwtIssuer:Keys and name it here (development keys are only generated in the Development environment; this is {environment}).";

    public static string UnknownSigningKey(string name, ICollection<string> known)
    {
        string? suggestion = JwtOptionNames.Suggest(name, known);
        var names = new List<string>();
        foreach (var key in known) names.Add(SensitiveText.Heuristic.Path(key));
        string list = known.Count == 0 ? "no keys are configured" : "the keys are " + string.Join(", ", names);
        return $"there is no key {SensitiveText.QuoteValue(name)} in JwtIssuer:Keys ({list}).{(suggestion is null ? "" : $" Did you mean \"{suggestion}\"?")}";
    }

    public static string SigningKeyIsBroken(string key) =>
        $"the key {SensitiveText.QuoteValue(key)} could not be loaded (see its own error).";

    /// <summary>A SigningKey whose value is a secret or a key (<see cref="SensitiveText"/>) rather than a key's name.</summary>
    public static string SigningKeyIsKeyMaterial(int length) =>
        $"SigningKey takes the NAME of a key under JwtIssuer:Keys; the value given ({length} characters, not shown) looks like a key or a secret. " +
        "Put the secret under JwtIssuer:Keys:{Name}:SecretBase64 (or the PEM under Pem) in user-secrets or the environment, and write that name here.";

    public static string ShortHmacSecret(JwtAlgorithm algorithm, int bytes) =>
        $"the secret has {bytes} bytes, shorter than the {JwtAlgorithmNames.HashBits(algorithm) / 8}-byte hash of {algorithm} (RFC 7518 §3.2). Use a longer random secret (`tokenissuer keys new --alg {algorithm}`), or set AllowInsecureKeySizes to accept it.";

    /// <summary>Key material in a committed settings file (build warning TKI018; start-up warns outside Development).</summary>
    public static string InlineKeyMaterial(string file) =>
        $"key material is written inline in {file}, which is committed with the app: anyone who reads the repository or the build can forge tokens. " +
        "Move it to user-secrets (`dotnet user-secrets set`) or an environment variable, and leave the value empty here (or remove it).";

    public static string NotABoolean(string value) => $"{SensitiveText.QuoteValue(value)} is not a boolean. Write true or false.";

    public static string ExpectedSingleValue() => "expected a single value, found a list or object. Write it as a string.";

    /// <param name="name">The unknown name as written.</param>
    /// <param name="known">The names allowed where it is.</param>
    /// <param name="what">What holds the options, for the list: "a profile", "a key", "JwtIssuer".</param>
    public static string UnknownOption(string name, IReadOnlyCollection<string> known, string what)
    {
        string? suggestion = JwtOptionNames.Suggest(name, known);
        string hint = suggestion is null ? $"The options of {what} are: {string.Join(", ", known)}." : $"Did you mean \"{suggestion}\"?";
        return $"{SensitiveText.QuoteValue(name)} is not an option. {hint}";
    }
}
