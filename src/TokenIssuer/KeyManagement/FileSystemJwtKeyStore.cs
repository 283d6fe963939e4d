namespace TokenIssuer;

/// <summary>
/// Keeps managed signing keys in a folder, one file per key (<c>key-{kid}.json</c>), safe to share between
/// processes and machines that mount the same folder. Configure it with
/// <c>services.AddJwtIssuer().PersistKeysToFileSystem(directory)</c>.
/// </summary>
/// <remarks>
/// <para>An add first claims the <c>kid</c> by creating <c>.claim-{kid}</c> exclusively (<see cref="FileMode.CreateNew"/>,
/// <c>O_EXCL</c>), so of several processes adding the same <c>kid</c> exactly one wins; the winner writes the record
/// whole to a temporary file (<c>.tmp-…</c>, never read) and renames it into place, so a reader sees either no file
/// or a complete one. Records are never changed once written; deletion removes the file and its claim.</para>
/// <para>Files are created with mode 0600 and the folder with 0700 on Unix. The private key inside is protected
/// with the app's Data Protection before it reaches this store.</para>
/// </remarks>
public sealed class FileSystemJwtKeyStore : IJwtKeyStore
{
    private const string KeyFilePrefix = "key-";
    private const string KeyFileSuffix = ".json";
    private const string TempFilePrefix = ".tmp-";
    private const string ClaimFilePrefix = ".claim-";

    // A record is well under 2 KB (an RSA 2048 PKCS#8 key protected and base64url'd); larger files are not ours.
    private const long MaximumKeyFileBytes = 64 * 1024;

    private readonly DirectoryInfo _directory;

    /// <summary>A store in <paramref name="directory"/>, which is created on the first write when it does not exist.</summary>
    public FileSystemJwtKeyStore(DirectoryInfo directory)
        : this(directory, isLocalDefault: false)
    {
    }

    internal FileSystemJwtKeyStore(DirectoryInfo directory, bool isLocalDefault)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _directory = new DirectoryInfo(Path.GetFullPath(directory.FullName));
        IsLocalDefault = isLocalDefault;
    }

    /// <summary>This is the store used when none is configured: a folder only this machine (and user) sees.</summary>
    internal bool IsLocalDefault { get; }

    /// <summary>The folder that holds the keys.</summary>
    public DirectoryInfo Directory => _directory;

    /// <inheritdoc/>
    public string Description => $"file system ({_directory.FullName})";

    /// <summary>
    /// The folder managed keys use when no store is configured: the local application data of the user the
    /// app runs as, <c>TokenIssuer/managed-keys/{applicationName}</c>. Other instances (another machine, another
    /// container, another user) do not see it, so each would sign with its own keys.
    /// </summary>
    public static DirectoryInfo DefaultDirectory(string applicationName)
    {
        ArgumentNullException.ThrowIfNull(applicationName);
        return new DirectoryInfo(Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "TokenIssuer", "managed-keys", SafeName(applicationName)));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyCollection<JwtStoredKey>> LoadKeysAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(_directory.FullName))
        {
            // A folder that is a file, or that cannot be reached, is an error; one not yet created is an empty store.
            if (File.Exists(_directory.FullName)) throw new IOException($"The managed key store {_directory.FullName} is a file, not a folder.");
            return [];
        }

        var keys = new List<JwtStoredKey>();
        foreach (string path in System.IO.Directory.EnumerateFiles(_directory.FullName, KeyFilePrefix + "*" + KeyFileSuffix))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = new FileInfo(path);
            string text;
            try
            {
                if (file.Length > MaximumKeyFileBytes)
                {
                    throw new FormatException($"The stored signing key {path} cannot be read: it has {file.Length} bytes, far more than a key. It was not written by TokenIssuer; move it out of the folder.");
                }

                text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (FileNotFoundException)
            {
                continue; // deleted by another instance between listing and reading: an expired key
            }

            var key = JwtStoredKeyJson.Deserialize(text, path);
            if (!string.Equals(FileNameFor(key.KeyId), file.Name, StringComparison.Ordinal))
            {
                throw new FormatException($"The stored signing key {path} cannot be read: it holds kid {key.KeyId}, which is not the kid in its file name. It was renamed or copied by hand; delete it.");
            }

            keys.Add(key);
        }

        return keys;
    }

    /// <inheritdoc/>
    public async Task<bool> TryAddKeyAsync(JwtStoredKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        string target = Path.Combine(_directory.FullName, FileNameFor(key.KeyId));
        if (File.Exists(target)) return false;

        CreateDirectory();

        // File.Move(overwrite: false) is not atomic everywhere (on file systems without hard links .NET checks,
        // then renames), so the kid is claimed by creating a marker file exclusively (O_EXCL, atomic on local
        // disks and NFS v3+): exactly one adder wins, and only the winner moves its record into place.
        string claim = Path.Combine(_directory.FullName, ClaimFilePrefix + key.KeyId);
        try
        {
            using (new FileStream(claim, PrivateFile(FileMode.CreateNew)))
            {
            }
        }
        catch (IOException) when (File.Exists(claim))
        {
            return false;
        }

        string temp = Path.Combine(_directory.FullName, TempFilePrefix + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var stream = new FileStream(temp, PrivateFile(FileMode.CreateNew)))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteAsync(JwtStoredKeyJson.Serialize(key).AsMemory(), cancellationToken).ConfigureAwait(false);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            // A rename: readers see no file or the whole record, never part of it.
            File.Move(temp, target, overwrite: true);
            return true;
        }
        catch
        {
            TryDelete(claim); // not stored: let a retry claim the kid again
            throw;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static FileStreamOptions PrivateFile(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }

    /// <inheritdoc/>
    public Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        File.Delete(Path.Combine(_directory.FullName, FileNameFor(keyId)));
        File.Delete(Path.Combine(_directory.FullName, ClaimFilePrefix + keyId));
        return Task.CompletedTask;
    }

    /// <summary>The file of a key: its kid must be base64url (a thumbprint), so it can never name another path.</summary>
    internal static string FileNameFor(string keyId)
    {
        if (keyId.Length is 0 or > 128 || !keyId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"The managed key id \"{keyId}\" is not base64url text (a JWK thumbprint), so it cannot name a file.", nameof(keyId));
        }

        return KeyFilePrefix + keyId + KeyFileSuffix;
    }

    private void CreateDirectory()
    {
        if (OperatingSystem.IsWindows()) System.IO.Directory.CreateDirectory(_directory.FullName);
        else System.IO.Directory.CreateDirectory(_directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is never read; it only wastes a few bytes.
        }
    }

    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var chars = name.Select(c => invalid.Contains(c) || c is '/' or '\\' or ':' ? '_' : c).ToArray();
        string safe = new string(chars).Trim();
        return safe.Length == 0 || safe is "." or ".." ? "app" : safe;
    }
}
