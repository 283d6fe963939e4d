using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.IntegrationTests.Development;

/// <summary>
/// A development key folder or file that cannot be used stops start-up with a message that names the file and
/// the fix (never a raw exception, never the file's text); keys are written atomically and per profile.
/// </summary>
public sealed class DevelopmentKeyFailureTests
{
    private static Dictionary<string, string?> Configuration(string keysDirectory, string algorithm = "ES256") => new()
    {
        ["JwtIssuer:DevelopmentKeysDirectory"] = keysDirectory,
        ["JwtIssuer:Profiles:Access:Algorithm"] = algorithm,
        ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
    };

    private static async Task<string> StartFailsAsync(Dictionary<string, string?> configuration)
    {
        var builder = TestHosts.Builder(configuration, "Development");
        builder.Services.AddJwtIssuer();
        var error = await TestHosts.StartFailsAsync(builder);
        return Assert.Single(error.Failures);
    }

    private static string KeyFile(string directory, string profile = "Access", JwtAlgorithm algorithm = JwtAlgorithm.ES256)
        => new DevelopmentKeyStore(directory).PathFor(profile, algorithm);

    [Theory]
    [InlineData("", "is empty; it should hold a private-key PEM")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n", "is damaged: it holds")]
    [InlineData("not a key at all", "is damaged: it holds 16 characters that are not a private-key PEM for ES256")]
    public async Task ADamagedKeyFileNamesTheFileAndTheFixAndNeverItsText(string content, string expected)
    {
        using var keys = new TempDirectory();
        string file = KeyFile(keys.Path);
        WritePrivate(file, content);

        string failure = await StartFailsAsync(Configuration(keys.Path));

        Assert.StartsWith($"JwtIssuer:Profiles:Access:SigningKey: the development key \"{file}\" for profile Access ", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.Contains("Delete it and a new key is generated at the next start.", failure, StringComparison.Ordinal);
        if (content.Length > 0) Assert.DoesNotContain(content.Trim().Split('\n')[^1], failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANonBase64SecretFileIsDamaged()
    {
        using var keys = new TempDirectory();
        string file = KeyFile(keys.Path, algorithm: JwtAlgorithm.HS256);
        WritePrivate(file, "%%% definitely not base64 %%%");

        string failure = await StartFailsAsync(Configuration(keys.Path, "HS256"));

        Assert.Contains($"\"{file}\"", failure, StringComparison.Ordinal);
        Assert.Contains("that are not a base64 secret for HS256", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("definitely", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeysDirectoryThatIsAFileSaysSo()
    {
        using var keys = new TempDirectory();
        string notAFolder = keys.Combine("keys");
        File.WriteAllText(notAFolder, "I am a file");

        string failure = await StartFailsAsync(Configuration(notAFolder));

        Assert.Contains($"\"{notAFolder}\"", failure, StringComparison.Ordinal);
        Assert.Contains("is a file, but development keys need a folder there. Set JwtIssuer:DevelopmentKeysDirectory to a folder", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeysDirectoryThatCannotBeCreatedNamesIt()
    {
        using var keys = new TempDirectory();
        File.WriteAllText(keys.Combine("file"), "x");
        string impossible = keys.Combine("file", "below-a-file");

        string failure = await StartFailsAsync(Configuration(impossible));

        Assert.Contains($"\"{impossible}\"", failure, StringComparison.Ordinal);
        Assert.Contains("cannot be created (", failure, StringComparison.Ordinal);
        Assert.Contains("). Set JwtIssuer:DevelopmentKeysDirectory to a folder you can write", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASymbolicLinkIsNotFollowed()
    {
        using var keys = new TempDirectory();
        string elsewhere = keys.WriteFile("elsewhere.pem", "whatever");
        string file = KeyFile(keys.Path);
        File.CreateSymbolicLink(file, elsewhere);

        string failure = await StartFailsAsync(Configuration(keys.Path));

        Assert.Contains("is a symbolic link. A development key must be a file of its own", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyFileOthersCanReadIsRefused()
    {
        if (OperatingSystem.IsWindows()) return;
        using var keys = new TempDirectory();
        await using (var host = await StartAsync(keys.Path)) { _ = host.Issuer.Issue("Access"); }
        string file = KeyFile(keys.Path);
        File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32("666", 8));

        string failure = await StartFailsAsync(Configuration(keys.Path));

        Assert.Contains("can be read or written by other users (mode 666). Run `chmod 600", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidAlgorithmWritesNoKey()
    {
        using var keys = new TempDirectory();

        string failure = await StartFailsAsync(Configuration(keys.Path, "RS265"));

        Assert.StartsWith("JwtIssuer:Profiles:Access:Algorithm:", failure, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(keys.Path));
    }

    [Fact]
    public async Task CreationLeavesOnlyTheFinishedKeyFile()
    {
        using var keys = new TempDirectory();
        await using var host = await StartAsync(keys.Path);

        string file = Assert.Single(Directory.GetFileSystemEntries(keys.Path));
        Assert.Equal(KeyFile(keys.Path), file);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void ProfilesWhoseNamesLookAlikeGetKeysOfTheirOwn()
    {
        using var keys = new TempDirectory();
        var store = new DevelopmentKeyStore(keys.Path);
        string[] profiles = ["a b", "a_b", "a/b", "a.b", "ä_b"];

        var paths = profiles.Select(p => store.PathFor(p, JwtAlgorithm.HS256)).ToList();
        var thumbprints = profiles.Select(p =>
        {
            using var key = store.GetOrCreate(p, JwtAlgorithm.HS256, out _, out bool created);
            Assert.True(created);
            return JwkThumbprint.Compute(key);
        }).ToList();

        Assert.Equal(profiles.Length, paths.Distinct().Count());
        Assert.Equal(profiles.Length, thumbprints.Distinct().Count());
        Assert.All(paths, p => Assert.Equal(keys.Path, Path.GetDirectoryName(p)));
        Assert.Equal(Path.Combine(keys.Path, "a_b.HS256.key"), store.PathFor("a_b", JwtAlgorithm.HS256)); // safe names keep their file
    }

    [Fact]
    public void AnApplicationNameCannotLeaveTheKeysFolder()
    {
        string directory = DevelopmentKeyStore.DefaultDirectory("..");
        Assert.Equal("development-keys", Path.GetFileName(Path.GetDirectoryName(directory)));
        Assert.StartsWith("__-", Path.GetFileName(directory), StringComparison.Ordinal);
    }

    private static async Task<TestHost> StartAsync(string keysDirectory)
    {
        var builder = TestHosts.Builder(Configuration(keysDirectory), "Development");
        builder.Services.AddJwtIssuer();
        return await TestHosts.StartAsync(builder);
    }

    private static void WritePrivate(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
