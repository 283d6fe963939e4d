namespace TokenIssuer;

/// <summary>
/// The start-up validation messages for keys and profiles. Each names the configuration path of the
/// mistake, says what is wrong and how to fix it, and never quotes key material. The sentences of the
/// profile rules come from the shared <see cref="ProfileSentences"/>, which the source generator's build
/// diagnostics use too; only what the generator cannot see (loading keys, the environment) is worded here.
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

    /// <summary>A violation of a shared profile rule, at its configuration path.</summary>
    public string At(string profile, RuleViolation violation) => violation.At($"{root}:Profiles:{profile}");

    public string MissingSigningKey(string profile, string environment) =>
        $"{Path(profile, "SigningKey")}: {ProfileSentences.MissingSigningKey(environment)}";

    public string UnknownSigningKey(string profile, string name, ICollection<string> known) =>
        $"{Path(profile, "SigningKey")}: {ProfileSentences.UnknownSigningKey(name, known)}";

    public string SigningKeyIsBroken(string profile, string key) =>
        $"{Path(profile, "SigningKey")}: {ProfileSentences.SigningKeyIsBroken(key)}";

    public string KeyDoesNotFit(string profile, string message) =>
        $"{Path(profile, "SigningKey")}: {message}";

    public string UnencodableText(string profile, string option) =>
        $"{Path(profile, option)}: the text holds an invalid UTF-16 sequence (a lone surrogate), which a token cannot carry. Fix the text.";

    public string EmptyProfileName() =>
        $"{root}:Profiles: a profile has an empty name. Give every profile a name.";

    public string DevelopmentKeyUnusable(string profile, string reason) => $"{Path(profile, "SigningKey")}: {reason}";
}
