using System.CommandLine;
using System.CommandLine.Parsing;

namespace TokenIssuer.Cli.Arguments;

/// <summary>Where a key comes from: a key file (PEM or JWK), or an HMAC secret given as text or base64.</summary>
internal enum KeySourceKind
{
    File,
    Secret,
    Base64Secret,
}

/// <summary>
/// A key source as given on the command line, resolved: for a file its path and passphrase, for a
/// secret its text (already read from the environment for <c>--secret-env</c>).
/// </summary>
internal sealed record KeySource(KeySourceKind Kind, string Value, string? Passphrase)
{
    /// <summary>
    /// The key, made by the reader for its kind: <paramref name="secret"/> (text) or <paramref name="base64Secret"/>
    /// for a secret; for a key file, <paramref name="jwk"/> when its text is JSON, else <paramref name="pem"/>.
    /// </summary>
    public T Load<T>(Func<string, T> secret, Func<string, T> base64Secret, Func<string, T> jwk, Func<string, T> pem)
    {
        switch (Kind)
        {
            case KeySourceKind.Secret:
                return secret(Value);
            case KeySourceKind.Base64Secret:
                return base64Secret(Value);
            default:
                string text = KeySourceOptions.ReadKeyFile(Value);
                return LooksLikeJson(text) ? jwk(text) : pem(text);
        }
    }

    /// <summary>
    /// The warning for a secret that is a placeholder (<see cref="PlaceholderSecret"/>): <c>sign</c> follows
    /// jsonwebtoken and signs with it, but says that anyone could forge the token. Null for a key file or a real secret.
    /// </summary>
    public string? PlaceholderWarning()
    {
        if (Kind == KeySourceKind.File || PlaceholderSecret.Reason(Value) is not { } reason) return null;
        return "warning: " + PlaceholderSecret.Sentence(reason, Value.Length, "sign with --secret-base64 (or --secret-env NAME)");
    }

    /// <summary>True when the file's text is JSON (a JWK), not PEM.</summary>
    private static bool LooksLikeJson(string text) => text.AsSpan().TrimStart().StartsWith("{");
}

/// <summary>
/// The key flags shared by <c>sign</c> and <c>decode</c>: <c>--key-file</c>, <c>--secret</c>,
/// <c>--secret-env</c>, <c>--secret-base64</c> and <c>--passphrase-env</c>. At most one key source.
/// </summary>
internal sealed class KeySourceOptions
{
    private readonly Option<string> _keyFile;
    private readonly Option<string> _secret = new("--secret")
    {
        Description = "The HMAC secret as text (its UTF-8 bytes). Other users can see it in the process list: prefer --secret-env.",
        HelpName = "TEXT",
    };
    private readonly Option<string> _secretEnv = new("--secret-env")
    {
        Description = "Read the HMAC secret (text, UTF-8) from the environment variable NAME.",
        HelpName = "NAME",
    };
    private readonly Option<string> _secretBase64 = new("--secret-base64")
    {
        Description = "The HMAC secret as base64 or base64url bytes (as 'tokenissuer keys new --alg HS256' prints it).",
        HelpName = "TEXT",
    };
    private readonly Option<string> _passphraseEnv = new("--passphrase-env")
    {
        Description = "Read the passphrase of an encrypted PEM key (BEGIN ENCRYPTED PRIVATE KEY) from the environment variable NAME.",
        HelpName = "NAME",
    };

    public KeySourceOptions(string keyFileDescription)
    {
        _keyFile = new Option<string>("--key-file")
        {
            Description = keyFileDescription,
            HelpName = "PATH",
        };
    }

    private Option<string>[] KeyOptions => [_keyFile, _secret, _secretEnv, _secretBase64];

    public void AddTo(Command command)
    {
        foreach (var option in KeyOptions) command.Options.Add(option);
        command.Options.Add(_passphraseEnv);
    }

    /// <summary>The key and passphrase flags given on the command line, by name.</summary>
    public IEnumerable<string> GivenNames(CommandResult result)
        => KeyOptions.Append(_passphraseEnv).Where(option => result.GetResult(option) is not null).Select(option => option.Name);

    /// <summary>Reports a command line with several key sources, or none when <paramref name="required"/>.</summary>
    public void Validate(CommandResult result, bool required)
    {
        var given = KeyOptions.Where(option => result.GetResult(option) is not null).Select(option => option.Name).ToList();
        if (given.Count > 1)
        {
            result.AddError($"Give exactly one key source; got {string.Join(" and ", given)}.");
        }
        else if (given.Count == 0 && required)
        {
            result.AddError("A key is required: give --key-file PATH (PEM private key or JWK), --secret TEXT, --secret-env NAME or --secret-base64 TEXT.");
        }

        if (result.GetResult(_passphraseEnv) is not null && result.GetResult(_keyFile) is null)
        {
            result.AddError("--passphrase-env only applies to an encrypted PEM key given with --key-file.");
        }
    }

    /// <summary>The key source given, with environment variables read; null when none was given.</summary>
    public KeySource? Read(ParseResult parseResult)
    {
        string? passphrase = parseResult.GetValue(_passphraseEnv) is { } passphraseVariable
            ? ReadEnvironment(passphraseVariable, "--passphrase-env")
            : null;

        if (parseResult.GetValue(_keyFile) is { } path) return new KeySource(KeySourceKind.File, path, passphrase);
        if (parseResult.GetValue(_secret) is { } secret) return new KeySource(KeySourceKind.Secret, secret, null);
        if (parseResult.GetValue(_secretEnv) is { } variable) return new KeySource(KeySourceKind.Secret, ReadEnvironment(variable, "--secret-env"), null);
        if (parseResult.GetValue(_secretBase64) is { } base64) return new KeySource(KeySourceKind.Base64Secret, base64, null);
        return null;
    }

    /// <summary>
    /// The value of the environment variable <paramref name="name"/>. A <paramref name="name"/> that cannot be a
    /// variable's name is most likely the value itself (<c>--secret-env "$SECRET"</c>): it is never repeated.
    /// </summary>
    private static string ReadEnvironment(string name, string flag)
    {
        if (!IsVariableName(name))
        {
            throw new CliInputException(
                $"{flag} takes the NAME of an environment variable; the value given ({name.Length} characters, not shown) is not a variable name. " +
                $"Write {flag} {(flag == "--secret-env" ? "JWT_SECRET" : "KEY_PASSPHRASE")}, not {flag} \"$VARIABLE\".");
        }
        if (Environment.GetEnvironmentVariable(name) is { } value) return value;
        if (SensitiveText.LooksLikeKeyMaterial(name))
        {
            throw new CliInputException(
                $"{flag}: no environment variable of the name given ({name.Length} characters, not shown: it looks like a secret) is set. " +
                $"{flag} takes the NAME of an environment variable, not its value.");
        }
        throw new CliInputException($"{flag}: the environment variable \"{name}\" is not set.");
    }

    /// <summary>A portable environment variable name: letters, digits and '_', not starting with a digit.</summary>
    private static bool IsVariableName(string name)
        => name.Length is > 0 and <= 256 && !char.IsAsciiDigit(name[0]) && !name.AsSpan().ContainsAnyExcept(VariableNameChars);

    private static readonly System.Buffers.SearchValues<char> VariableNameChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    /// <summary>Reads a key file as text, or explains why it cannot be read.</summary>
    public static string ReadKeyFile(string path)
    {
        if (SensitiveText.LooksLikeKeyMaterial(path))
        {
            // "$(cat key.pem)" or the secret itself where the path goes: the system's message would quote it.
            throw new CliInputException(
                $"--key-file takes the PATH of a key file; the value given ({path.Length} characters, not shown) looks like a key or a secret, not a path. " +
                "Write --key-file key.pem, not --key-file \"$(cat key.pem)\"; give a secret with --secret-env NAME.");
        }
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException && !SensitiveText.LooksLikePath(path))
        {
            // "$SECRET" where the path goes: the system's message would quote it, and it is no path anyway.
            throw new CliInputException(
                $"--key-file takes the PATH of a key file; the value given ({path.Length} characters, not shown) is no file here and does not look like a path. " +
                "Write --key-file key.pem; give a secret with --secret-env NAME.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"The key file \"{path}\" cannot be read: {e.Message}");
        }
    }
}
