namespace TokenIssuer;

/// <summary>A configured key, loaded, with the <c>kid</c> it is published and signed under.</summary>
internal sealed record LoadedKey(string Name, SigningKey Key, string KeyId, string? PemFilePath)
{
    /// <summary>The key's configuration path (<c>JwtIssuer:Keys:Main</c>); null for a development key.</summary>
    public string? ConfigurationPath { get; init; }

    /// <summary>The option that chose the <c>kid</c> (<c>…:KeyId</c>, or <c>…:Jwk</c> for a JWK's own); null when it is the thumbprint.</summary>
    public string? KeyIdOption { get; init; }

    /// <summary>The <see cref="KeyFileReader.Fingerprint(string)"/> of the bytes the key was read from, for change detection.</summary>
    public string? PemFileFingerprint { get; init; }
}

/// <summary>Loads the keys of <see cref="JwtIssuerOptions.Keys"/>, collecting problems instead of stopping at the first.</summary>
internal static class KeyLoader
{
    /// <summary>Why the bytes of a SecretBase64 are no secret (<see cref="PlaceholderSecret.BytesReason"/>); null when they are one.</summary>
    private static string? BytesPlaceholder(string secretText)
    {
        byte[] bytes = KeyEncoding.DecodeBase64OrBase64Url(secretText.Trim(), "SecretBase64");
        string? bytesReason = PlaceholderSecret.BytesReason(bytes);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        return bytesReason;
    }

    public static LoadedKey? Load(string name, JwtKeyOptions options, string contentRoot, ProfileProblems text, List<string> problems, List<string> watchedFiles)
    {
        var sources = new List<string>();
        if (!string.IsNullOrEmpty(options.Pem)) sources.Add(nameof(options.Pem));
        if (!string.IsNullOrEmpty(options.PemFile)) sources.Add(nameof(options.PemFile));
        if (!string.IsNullOrEmpty(options.Secret)) sources.Add(nameof(options.Secret));
        if (!string.IsNullOrEmpty(options.SecretBase64)) sources.Add(nameof(options.SecretBase64));
        if (!string.IsNullOrEmpty(options.Jwk)) sources.Add(nameof(options.Jwk));

        if (sources.Count == 0)
        {
            problems.Add(text.NoKeySource(name));
            return null;
        }
        if (sources.Count > 1)
        {
            problems.Add(text.SeveralKeySources(name, sources));
            return null;
        }

        if (options.KeyId is { } keyIdText && !ClaimValueWriter.IsWellFormed(keyIdText))
        {
            problems.Add(text.KeyUnreadable(name, "KeyId", "the text holds an invalid UTF-16 sequence (a lone surrogate), which a token header cannot carry. Fix the text."));
            return null;
        }

        string source = sources[0];
        string? pemFilePath = null;
        string? fingerprint = null;
        SigningKey key;
        try
        {
            switch (source)
            {
                case nameof(options.Pem):
                    key = SigningKey.FromPem(options.Pem!, options.Passphrase);
                    break;
                case nameof(options.PemFile):
                    if (text.Sensitive.IsSensitive(options.PemFile))
                    {
                        // A PEM (or a secret) pasted where the path goes: the file system's messages would quote it.
                        problems.Add(text.PemFileIsKeyMaterial(name, options.PemFile!.Length));
                        return null;
                    }
                    try
                    {
                        pemFilePath = Path.GetFullPath(options.PemFile!, contentRoot);
                    }
                    catch (ArgumentException)
                    {
                        problems.Add(text.KeyUnreadable(name, source, "the path is not a valid file path (it holds a character such as NUL)."));
                        return null;
                    }
                    watchedFiles.Add(pemFilePath);
                    if (!File.Exists(pemFilePath))
                    {
                        problems.Add(text.PemFileMissing(name, options.PemFile!));
                        return null;
                    }
                    byte[] bytes;
                    try
                    {
                        bytes = KeyFileReader.Read(pemFilePath);
                    }
                    catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                    {
                        problems.Add(text.PemFileMissing(name, options.PemFile!));
                        return null;
                    }
                    catch (KeyFileException e)
                    {
                        problems.Add(text.KeyUnreadable(name, source, e.Message));
                        return null;
                    }
                    fingerprint = KeyFileReader.Fingerprint(bytes);
                    string pem = System.Text.Encoding.UTF8.GetString(bytes);
                    System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
                    key = PemKeyReader.Read(pem, options.Passphrase, keyId: null, source: pemFilePath);
                    break;
                case nameof(options.Secret):
                case nameof(options.SecretBase64):
                    string secretText = source == nameof(options.Secret) ? options.Secret! : options.SecretBase64!;
                    // A placeholder is refused as such, before its form (base64 or not) or its length is looked at.
                    if (PlaceholderSecret.Reason(secretText) is { } placeholder)
                    {
                        problems.Add(text.PlaceholderSecretProblem(name, source, placeholder, secretText.Length));
                        return null;
                    }
                    key = source == nameof(options.Secret) ? SigningKey.FromSecret(secretText) : SigningKey.FromBase64Secret(secretText);
                    if (source == nameof(options.SecretBase64) && BytesPlaceholder(secretText) is { } lowEntropy)
                    {
                        key.Dispose();
                        problems.Add(text.PlaceholderSecretProblem(name, source, lowEntropy, secretText.Length));
                        return null;
                    }
                    break;
                default:
                    key = SigningKey.FromJwk(options.Jwk!);
                    break;
            }
        }
        catch (JwtSigningException e)
        {
            problems.Add(text.KeyUnreadable(name, source, e.Message));
            return null;
        }

        // A kid may well look random (a thumbprint), but it must not be a secret: every token carries it in the clear.
        if (text.Sensitive.HoldsSecret(options.KeyId))
        {
            key.Dispose();
            problems.Add(text.KeyUnreadable(name, nameof(options.KeyId),
                $"the kid ({options.KeyId!.Length} characters, not shown) holds the text of a configured secret, and every token carries its kid in the clear. Leave KeyId empty (the key's thumbprint is used) or give a plain name."));
            return null;
        }

        string keyId = !string.IsNullOrEmpty(options.KeyId) ? options.KeyId! : key.KeyId ?? JwkThumbprint.Compute(key);
        string? keyIdOption = !string.IsNullOrEmpty(options.KeyId) ? text.KeyPath(name, nameof(options.KeyId))
            : key.KeyId is not null ? text.KeyPath(name, source) : null;
        return new LoadedKey(name, key, keyId, pemFilePath)
        {
            ConfigurationPath = text.KeyPath(name),
            KeyIdOption = keyIdOption,
            PemFileFingerprint = fingerprint,
        };
    }
}
