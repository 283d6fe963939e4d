using System.Text;

namespace TokenIssuer;

/// <summary>
/// Development keys: generated on first use for a profile that has none, and kept in the user's local
/// application data (outside the source tree) so tokens survive restarts. Never used outside Development.
/// </summary>
internal sealed class DevelopmentKeyStore
{
    private readonly string _directory;

    public DevelopmentKeyStore(string directory) => _directory = directory;

    public static string DefaultDirectory(string applicationName)
        => System.IO.Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "TokenIssuer", "development-keys", Sanitize(applicationName));

    /// <summary>Loads the profile's development key, creating it when absent. <paramref name="created"/> tells which.</summary>
    public SigningKey GetOrCreate(string profile, JwtAlgorithm algorithm, out string path, out bool created)
    {
        path = System.IO.Path.Combine(_directory, $"{Sanitize(profile)}.{algorithm}.key");
        bool hmac = JwtAlgorithmNames.Family(algorithm) == JwtAlgorithmFamily.Hmac;
        if (File.Exists(path))
        {
            created = false;
            string text = File.ReadAllText(path);
            return hmac ? SigningKey.FromBase64Secret(text) : SigningKey.FromPem(text);
        }

        Directory.CreateDirectory(_directory);
        var key = SigningKey.Generate(algorithm);
        var write = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) write.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var stream = new FileStream(path, write);
            stream.Write(Encoding.UTF8.GetBytes(key.ExportPrivateKey()));
            created = true;
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs so every instance signs with the same key.
            key.Dispose();
            return GetOrCreate(profile, algorithm, out path, out created);
        }
    }

    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        return chars.Length == 0 ? "app" : new string(chars);
    }
}
