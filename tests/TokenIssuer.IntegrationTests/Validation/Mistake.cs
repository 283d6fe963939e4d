namespace TokenIssuer.IntegrationTests.Validation;

/// <summary>
/// One configuration mistake of the catalogue: how it changes a valid configuration, and the failure it
/// must produce (a message starting with <see cref="Path"/> and containing <see cref="Fragment"/>).
/// </summary>
public sealed record Mistake(string Name, Action<MistakeSetup> Apply, string Path, string Fragment, string Environment = "Production")
{
    public override string ToString() => Name;
}

/// <summary>
/// The configuration a mistake starts from (valid: one HS256 profile "Access" signed by the secret "Main"),
/// with helpers that remember every piece of key material put in, so the test can check that no
/// message repeats it.
/// </summary>
public sealed class MistakeSetup
{
    public const string Profile = "JwtIssuer:Profiles:Access";
    public const string BrokenKey = "JwtIssuer:Keys:Broken";
    public const string MainKey = "JwtIssuer:Keys:Main";
    public const string BaseSecret = "base-secret-0123456789-abcdefghijklmnop";

    internal MistakeSetup(TempDirectory root)
    {
        Root = root;
        Configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [MainKey + ":Secret"] = BaseSecret,
            [Profile + ":Algorithm"] = "HS256",
            [Profile + ":SigningKey"] = "Main",
            [Profile + ":ExpiresIn"] = "15m",
        };
        Material.Add(BaseSecret);
    }

    internal TempDirectory Root { get; }

    public Dictionary<string, string?> Configuration { get; }

    /// <summary>Key material (secrets, passphrases, PEM lines) that must not appear in any message.</summary>
    public List<string> Material { get; } = new();

    public MistakeSetup Set(string key, string value)
    {
        Configuration[key] = value;
        return this;
    }

    public MistakeSetup Remove(string key)
    {
        Configuration.Remove(key);
        return this;
    }

    /// <summary>Sets a value that is key material (a secret, passphrase, PEM or JWK).</summary>
    public MistakeSetup Secret(string key, string value)
    {
        Configuration[key] = value;
        Remember(value);
        return this;
    }

    /// <summary>Makes "Main" a PEM key instead of the base secret.</summary>
    public MistakeSetup MainPem(string pem) => Remove(MainKey + ":Secret").Secret(MainKey + ":Pem", pem);

    /// <summary>Writes a key file under the content root and remembers its content as material.</summary>
    public string File(string relativePath, string content)
    {
        Root.WriteFile(relativePath, content);
        Remember(content);
        return relativePath;
    }

    private void Remember(string value)
    {
        if (value.Contains("-----BEGIN", StringComparison.Ordinal) || value.Contains('\n'))
        {
            Material.AddRange(TestKeys.BodyLines(value.Replace("\\n", "\n", StringComparison.Ordinal)));
        }
        else if (value.Length >= 8)
        {
            Material.Add(value);
        }
    }
}
