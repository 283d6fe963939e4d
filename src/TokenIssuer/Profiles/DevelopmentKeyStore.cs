using System.Security.Cryptography;
using System.Text;

namespace TokenIssuer;

/// <summary>
/// Development keys: generated on first use for a profile that has none, and kept in the user's local
/// application data (outside the source tree) so tokens survive restarts. Never used outside Development.
/// </summary>
/// <remarks>
/// Every way this can go wrong on a developer's machine (a damaged or foreign file, a folder that cannot
/// be written, a path that is a file) becomes a <see cref="DevelopmentKeyException"/> that names the path
/// and the fix, so start-up reports it with the profile instead of a raw I/O or crypto exception.
/// </remarks>
internal sealed class DevelopmentKeyStore
{
    // A key file is a few kilobytes of PEM or base64; anything larger is not one of ours.
    private const long MaximumKeyFileBytes = 64 * 1024;

    private readonly string _directory;

    public DevelopmentKeyStore(string directory) => _directory = directory;

    /// <summary>
    /// The folder an app keeps its development keys in: <paramref name="configured"/> (<c>DevelopmentKeysDirectory</c>)
    /// with a relative path taken from the content root, as <c>PemFile</c> paths are (not from the current directory,
    /// which differs between <c>dotnet run</c>, an IDE and the <c>tokenissuer</c> tool), else <see cref="DefaultDirectory"/>.
    /// </summary>
    public static string DirectoryFor(string? configured, string contentRoot, string applicationName)
        => configured is { Length: > 0 } directory ? Path.GetFullPath(directory, contentRoot) : DefaultDirectory(applicationName);

    public static string DefaultDirectory(string applicationName)
        => Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "TokenIssuer", "development-keys", FileName(applicationName));

    /// <summary>The file that holds <paramref name="profile"/>'s development key for <paramref name="algorithm"/>.</summary>
    public string PathFor(string profile, JwtAlgorithm algorithm)
        => Path.Combine(_directory, $"{FileName(profile)}.{algorithm}.key");

    /// <summary>Loads the profile's development key, creating it when absent. <paramref name="created"/> tells which.</summary>
    /// <exception cref="DevelopmentKeyException">The key file or folder cannot be used; the message says why and how to fix it.</exception>
    public SigningKey GetOrCreate(string profile, JwtAlgorithm algorithm, out string path, out bool created)
    {
        path = PathFor(profile, algorithm);
        if (TryLoad(profile, algorithm, path) is { } existing)
        {
            created = false;
            return existing;
        }

        EnsureDirectory(profile);
        var key = SigningKey.Generate(algorithm);
        if (TryPublish(profile, path, key.ExportPrivateKey()))
        {
            created = true;
            return key;
        }

        // Another process created it between our look and our rename: use theirs, so every instance signs alike.
        key.Dispose();
        created = false;
        return TryLoad(profile, algorithm, path)
            ?? throw new DevelopmentKeyException(profile, path, "appeared and vanished while it was being created. Start the app again.");
    }

    private static SigningKey? TryLoad(string profile, JwtAlgorithm algorithm, string path)
    {
        FileInfo file = new(path);
        if (file.LinkTarget is not null)
        {
            throw new DevelopmentKeyException(profile, path,
                "is a symbolic link. A development key must be a file of its own: delete the link and a new key is generated at the next start.");
        }

        if (!file.Exists)
        {
            if (Directory.Exists(path))
            {
                throw new DevelopmentKeyException(profile, path, "is a folder, not a key file. Delete it and a new key is generated at the next start.");
            }

            return null;
        }

        if (!OperatingSystem.IsWindows()
            && (file.UnixFileMode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new DevelopmentKeyException(profile, path,
                $"can be read or written by other users (mode {Convert.ToString((int)file.UnixFileMode, 8)}). Run `chmod 600 \"{path}\"`, or delete it and a new key is generated at the next start.");
        }

        if (file.Length > MaximumKeyFileBytes)
        {
            throw new DevelopmentKeyException(profile, path, $"has {file.Length} bytes, far more than a key. Delete it and a new key is generated at the next start.");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DevelopmentKeyException(profile, path, $"cannot be read ({e.GetType().Name}). Check its permissions, or delete it and a new key is generated at the next start.");
        }

        bool hmac = JwtAlgorithmNames.Family(algorithm) == JwtAlgorithmFamily.Hmac;
        string expected = hmac ? "a base64 secret" : "a private-key PEM";
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DevelopmentKeyException(profile, path, $"is empty; it should hold {expected}. Delete it and a new key is generated at the next start.");
        }

        try
        {
            return hmac ? SigningKey.FromBase64Secret(text.Trim()) : SigningKey.FromPem(text);
        }
        catch (JwtSigningException)
        {
            // The signing error may quote the file's text; a damaged key file is still key material, so it is never echoed.
            throw new DevelopmentKeyException(profile, path,
                $"is damaged: it holds {text.Length} characters that are not {expected} for {algorithm}. Delete it and a new key is generated at the next start.");
        }
    }

    private void EnsureDirectory(string profile)
    {
        if (File.Exists(_directory))
        {
            throw new DevelopmentKeyException(profile, _directory,
                "is a file, but development keys need a folder there. Set JwtIssuer:DevelopmentKeysDirectory to a folder, or remove the file.");
        }

        try
        {
            Directory.CreateDirectory(_directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DevelopmentKeyException(profile, _directory,
                $"cannot be created ({e.GetType().Name}). Set JwtIssuer:DevelopmentKeysDirectory to a folder you can write, or configure a SigningKey for the profile.");
        }
    }

    /// <summary>
    /// Writes the key to a temporary file (mode 0600 from the start) and links it into place without
    /// replacing anything, so no reader ever sees a half-written key and a crash leaves no empty file.
    /// Returns false when another process published the key first.
    /// </summary>
    private bool TryPublish(string profile, string path, string pem)
    {
        string temporary = Path.Combine(_directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var write = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) write.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temporary, write))
            {
                stream.Write(Encoding.UTF8.GetBytes(pem));
                stream.Flush(flushToDisk: true);
            }

            // File.Move without overwrite refuses an existing target, which is the race this must lose gracefully.
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DevelopmentKeyException(profile, path,
                $"cannot be written ({e.GetType().Name}). Set JwtIssuer:DevelopmentKeysDirectory to a folder you can write, or configure a SigningKey for the profile.");
        }
        finally
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// A file name for a profile or application name. Names that are not already safe get a short hash of
    /// the exact name, so profiles that only differ in unsafe characters ("a b", "a_b", "a/b") never share a key.
    /// </summary>
    internal static string FileName(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray();
        string safe = chars.Length == 0 ? "app" : new string(chars);
        if (safe == name) return safe;
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0, 4);
        return $"{safe}-{hash}";
    }
}
