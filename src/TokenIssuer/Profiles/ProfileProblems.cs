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
    /// <summary>What the messages may not repeat: the configuration's secrets, and whatever looks like key material.</summary>
    public SensitiveText Sensitive { get; init; } = SensitiveText.Heuristic;

    public string Path(string profile, string option) => $"{root}:Profiles:{Name(profile)}:{option}";

    public string KeyPath(string key, string? option = null)
        => option is null ? $"{root}:Keys:{Name(key)}" : $"{root}:Keys:{Name(key)}:{option}";

    /// <summary>A key's or profile's name, or its length when the name is a secret (a key named after its own secret).</summary>
    private string Name(string name) => Sensitive.IsSensitive(name) ? $"(a name of {name.Length} characters, not shown)" : name;

    public string SensitiveKeyName(string key) =>
        $"{KeyPath(key)}: the key's name looks like a key or a secret (or holds the text of a configured one); names appear in messages and logs. " +
        "Give the key a plain name such as \"Main\", put the secret in its SecretBase64 (in user-secrets or the environment), and name the key in the profile's SigningKey.";

    public string SensitiveProfileName(string profile) =>
        $"{root}:Profiles:{Name(profile)}: the profile's name looks like a key or a secret (or holds the text of a configured one); names appear in messages, logs and generated code. Give the profile a plain name such as \"Access\".";

    public string SigningKeyIsKeyMaterial(string profile, int length) =>
        $"{Path(profile, "SigningKey")}: {ProfileSentences.SigningKeyIsKeyMaterial(length)}";

    public string PemFileIsKeyMaterial(string key, int length) =>
        $"{KeyPath(key, "PemFile")}: PemFile takes the PATH of a key file; the value given ({length} characters, not shown) looks like the key itself. " +
        "Put the PEM text in Pem (in user-secrets or the environment), or write the path of the file that holds it here.";

    public string PlaceholderSecretProblem(string key, string option, string reason, int length) =>
        $"{KeyPath(key, option)}: {PlaceholderSecret.Sentence(reason, length)}";

    public string NoKeySource(string key) =>
        $"{KeyPath(key)}: the key has no material. Set one of Pem, PemFile, Secret, SecretBase64 or Jwk (secrets belong in user-secrets or environment variables).";

    public string SeveralKeySources(string key, IEnumerable<string> sources) =>
        $"{KeyPath(key)}: the key sets {string.Join(" and ", sources)}; set exactly one of Pem, PemFile, Secret, SecretBase64 or Jwk.";

    public string KeyUnreadable(string key, string option, string reason) =>
        $"{KeyPath(key, option)}: {reason}";

    public string PemFileMissing(string key, string path) => Sensitive.QuotePath(path) is var shown && shown[0] == '"'
        ? $"{KeyPath(key, "PemFile")}: the file {shown} does not exist. Paths are relative to the content root; create the key with `tokenissuer keys new --alg ES256 --out {path}`."
        : $"{KeyPath(key, "PemFile")}: PemFile takes the PATH of a key file; the value given ({path.Length} characters, not shown) is no file here and does not look like a path. Write the file's path (such as \"keys/es256.pem\", relative to the content root), or put a PEM's text in Pem.";

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
