using System.Security.Cryptography;
using System.Text;
using TokenIssuer.Cli.Arguments;

namespace TokenIssuer.Cli.Files;

/// <summary>
/// Writes a key file for <c>keys new --out</c>: a new file, readable and writable by its owner only from
/// the moment it exists, written beside the target and renamed over it. An existing target is never
/// written through (it could be a link to another file, have a wider mode or another owner, or be a
/// device): only a regular file is replaced, and it is replaced whole. A missing folder is created (0700).
/// </summary>
internal static class KeyFileWriter
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>; true when its folder had to be created.</summary>
    public static bool Write(string path, string text, bool overwrite)
    {
        if (SensitiveText.LooksLikeKeyMaterial(path))
        {
            throw new CliUsageException($"--out takes the PATH of the file to write; the value given ({path.Length} characters, not shown) looks like a key or a secret, not a path.");
        }
        string full = Path.GetFullPath(path);
        if (full.EndsWith(Path.DirectorySeparatorChar) || full.EndsWith(Path.AltDirectorySeparatorChar))
        {
            throw new CliInputException($"\"{path}\" names a folder; --out takes a file name, such as {Path.Combine(path, "key.pem")}.");
        }
        string folder = Path.GetDirectoryName(full)!;
        bool created = CreateFolder(folder, path);

        var kind = FileKinds.Of(full);
        if (kind != FileKind.Missing && kind != FileKind.RegularFile)
        {
            throw new CliInputException(
                $"\"{path}\" is {FileKinds.Describe(kind)}; keys new writes only to a new or regular file, never through a link or into a device: give another path.");
        }
        if (kind == FileKind.RegularFile && !overwrite) throw new CliInputException($"\"{path}\" already exists; give --force to overwrite it.");

        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            // rename(2): the target's name now points at the new file; a link there is replaced, not followed.
            // Without --force the move refuses a file that appeared meanwhile.
            File.Move(temporary, full, overwrite);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        return created;
    }

    private static bool CreateFolder(string folder, string path)
    {
        if (Directory.Exists(folder)) return false;
        try
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, OwnerOnlyFolder);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"The folder \"{folder}\" for \"{path}\" cannot be created: {e.Message}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the error that matters is the one being thrown.
        }
    }
}
