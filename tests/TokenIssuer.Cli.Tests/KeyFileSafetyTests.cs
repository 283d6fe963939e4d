using TokenIssuer.TestSupport;

namespace TokenIssuer.Cli.Tests;

/// <summary>
/// <c>keys new --out</c> writes a new owner-only file and renames it into place: it never writes through
/// an existing file, a link, a FIFO, a device or a directory, and creates a missing folder.
/// </summary>
public class KeyFileSafetyTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void AMissingFolderIsCreatedOwnerOnly()
    {
        using var folder = new TempDirectory();

        var result = Cli.Run(["keys", "new", "--alg", "ES256", "--out", Path.Combine("keys", "es256.pem")], workingDirectory: folder.Path).AssertExit(0);

        string key = folder.Combine("keys", "es256.pem");
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(key), StringComparison.Ordinal);
        Assert.Contains("Created the folder", result.Stderr, StringComparison.Ordinal);
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.Combine("keys")));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(key));
    }

    [Fact]
    public void ForceReplacesTheFileInsteadOfWritingThroughIt()
    {
        if (OperatingSystem.IsWindows()) return; // hard links and Unix modes
        using var folder = new TempDirectory();
        string path = folder.WriteFile("key.pem", "old key\n");
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        // A second name for the same file: written through, it would show the new key too, with mode 0644.
        string otherName = folder.Combine("other-name.pem");
        RunTool("ln", path, otherName);
        Assert.True(File.Exists(otherName), "ln could not make a hard link");

        Cli.Run("keys", "new", "--alg", "HS256", "--out", path, "--force").AssertExit(0);

        Assert.Equal("old key\n", File.ReadAllText(otherName));
        Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(File.ReadAllText(path).Trim()).Length);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void ASymbolicLinkIsRefusedAndItsTargetKept()
    {
        using var folder = new TempDirectory();
        string target = folder.WriteFile("elsewhere.txt", "not a key\n");
        string link = folder.Combine("key.pem");
        try
        {
            File.CreateSymbolicLink(link, target);
        }
        catch (IOException) when (OperatingSystem.IsWindows())
        {
            return; // creating links needs a privilege on Windows
        }

        var result = Cli.Run("keys", "new", "--alg", "HS256", "--out", link, "--force").AssertExit(1);

        Assert.Contains($"\"{link}\" is a symbolic link; keys new writes only to a new or regular file", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("not a key\n", File.ReadAllText(target));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void ADirectoryIsRefused()
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.Combine("keys"));

        var result = Cli.Run("keys", "new", "--alg", "HS256", "--out", folder.Combine("keys"), "--force").AssertExit(1);

        Assert.Contains("is a directory; keys new writes only to a new or regular file", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Fact]
    public void AFifoIsRefusedWithoutBeingOpened()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempDirectory();
        string fifo = folder.Combine("key.pem");
        RunTool("mkfifo", fifo);
        Assert.True(File.Exists(fifo), "mkfifo could not make a FIFO");

        var result = Cli.Run("keys", "new", "--alg", "HS256", "--out", fifo, "--force").AssertExit(1);

        Assert.Contains("is a FIFO (named pipe); keys new writes only to a new or regular file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyMaterialGivenAsTheOutPathIsNeitherUsedNorEchoed()
    {
        using var folder = new TempDirectory();
        string pem = TestKeys.NewEc().PrivatePem;

        var result = Cli.Run(["keys", "new", "--alg", "ES256", "--out", pem], workingDirectory: folder.Path).AssertExit(2);

        Assert.Contains("--out takes the PATH of the file to write", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    private static void RunTool(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(program, arguments);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}");
    }
}
