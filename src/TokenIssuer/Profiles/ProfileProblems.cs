namespace TokenIssuer;

/// <summary>
/// Every start-up validation message for keys and profiles, in one place. Each names the configuration
/// path of the mistake, says what is wrong and how to fix it, and never quotes key material.
/// </summary>
/// <param name="root">The path of the section the options were read from (<c>JwtIssuer</c> unless the app chose another).</param>
internal sealed class ProfileProblems(string root)
{
    public string Path(string profile, string option) => $"{root}:Profiles:{profile}:{option}";

    public string KeyPath(string key, string? option = null)
        => option is null ? $"{root}:Keys:{key}" : $"{root}:Keys:{key}:{option}";

    public string NoKeySource(string key) =>
        $"{KeyPath(key)}: the key has no material. Set one of Pem, PemFile, Secret, SecretBase64 or Jwk (secrets belong in user-secrets or environment variables).";

    public string SeveralKeySources(string key, IEnumerable<string> sources) =>
        $"{KeyPath(key)}: the key sets {string.Join(" and ", sources)}; set exactly one of Pem, PemFile, Secret, SecretBase64 or Jwk.";

    public string KeyUnreadable(string key, string option, string reason) =>
        $"{KeyPath(key, option)}: {reason}";

    public string PemFileMissing(string key, string path) =>
        $"{KeyPath(key, "PemFile")}: the file \"{path}\" does not exist. Paths are relative to the content root; create the key with `tokenissuer keys new --alg ES256 --out {path}`.";

    public string UnknownAlgorithm(string profile, string name)
    {
        string hint = JwtAlgorithmNames.Suggest(name) is { } s ? $" Did you mean \"{s}\"?" : "";
        return $"{Path(profile, "Algorithm")}: \"{name}\" is not an algorithm. Use one of {string.Join(", ", JwtAlgorithmNames.All)}.{hint}";
    }

    public string NoneAlgorithm(string profile) =>
        $"{Path(profile, "Algorithm")}: \"none\" (unsigned tokens) is not supported. Use one of {string.Join(", ", JwtAlgorithmNames.All)}.";

    public string MissingSigningKey(string profile, string environment) =>
        $"{Path(profile, "SigningKey")}: the profile has no signing key. Add a key under JwtIssuer:Keys and name it here (development keys are only generated in the Development environment; this is {environment}).";

    public string UnknownSigningKey(string profile, string name, ICollection<string> known)
    {
        string? suggestion = JwtOptionNames.Suggest(name, known);
        string list = known.Count == 0 ? "no keys are configured" : "the keys are " + string.Join(", ", known);
        return $"{Path(profile, "SigningKey")}: there is no key \"{name}\" in JwtIssuer:Keys ({list}).{(suggestion is null ? "" : $" Did you mean \"{suggestion}\"?")}";
    }

    public string SigningKeyIsBroken(string profile, string key) =>
        $"{Path(profile, "SigningKey")}: the key \"{key}\" could not be loaded (see its own error).";

    public string KeyDoesNotFit(string profile, string message) =>
        $"{Path(profile, "SigningKey")}: {message}";

    public string ShortHmacSecret(string profile, JwtAlgorithm algorithm, int bytes) =>
        $"{Path(profile, "SigningKey")}: the secret has {bytes} bytes, shorter than the {JwtAlgorithmNames.HashBits(algorithm) / 8}-byte hash of {algorithm} (RFC 7518 §3.2). Use a longer random secret (`tokenissuer keys new --alg {algorithm}`), or set AllowInsecureKeySizes to accept it.";

    public string BadDuration(string profile, string option, string value) =>
        $"{Path(profile, option)}: \"{value}\" is not a duration. Write {DurationParser.GrammarHint}; a number with no unit means seconds.";

    public string NonPositiveLifetime(string profile, string value) =>
        $"{Path(profile, "ExpiresIn")}: \"{value}\" would issue tokens that are already expired. Give a positive lifetime such as \"15m\".";

    public string NeverValid(string profile) =>
        $"{Path(profile, "NotBefore")}: NotBefore is not earlier than ExpiresIn, so the tokens would never be valid. Shorten NotBefore or lengthen ExpiresIn.";

    public string ForbiddenHeader(string profile, string name) => name == "alg"
        ? $"{Path(profile, "Header")}: \"alg\" cannot be set in Header; set the profile's Algorithm instead."
        : $"{Path(profile, "Header")}: \"{name}\" cannot be set in Header: TokenIssuer does not implement the critical extensions a validator would have to understand.";

    public string ReservedFixedClaim(string profile, string claim, string option) =>
        $"{Path(profile, "Claims")}: the claim \"{claim}\" is set by the profile's {option}; remove it from Claims.";

    public string TimeClaimInClaims(string profile, string claim) =>
        $"{Path(profile, "Claims")}: \"{claim}\" cannot be a fixed claim (a NumericDate computed per token). Use {(claim == "exp" ? "ExpiresIn" : claim == "nbf" ? "NotBefore" : "the issue time, which is automatic")} instead.";

    public string UnsupportedParameterType(string profile, string parameter, string type)
    {
        string? suggestion = ClaimParameterTypes.Suggest(type);
        return $"{Path(profile, "Parameters")}:{parameter}: \"{type}\" is not a supported claim type. Use {ClaimParameterTypes.SupportedList}.{(suggestion is null ? "" : $" Did you mean \"{suggestion}\"?")}";
    }

    public string ParameterCollides(string profile, string parameter, string with) =>
        $"{Path(profile, "Parameters")}:{parameter}: the per-call claim \"{parameter}\" collides with {with}; rename it or remove the other.";

    public string UnencodableText(string profile, string option) =>
        $"{Path(profile, option)}: the text holds an invalid UTF-16 sequence (a lone surrogate), which a token cannot carry. Fix the text.";

    public string DurationTooLarge(string profile, string option, string value) =>
        $"{Path(profile, option)}: \"{value}\" is too large to be a token lifetime. Give a duration such as \"15m\" or \"30 days\".";

    public string EmptyProfileName() =>
        $"{root}:Profiles: a profile has an empty name. Give every profile a name.";

    public string DevelopmentKeyUnusable(string profile, string reason) => $"{Path(profile, "SigningKey")}: {reason}";
}
