namespace TokenIssuer.KeyManagement.Tests;

public class FileSystemJwtKeyStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AnAddedKeyIsLoadedBackFromOneFile()
    {
        var folder = TestKeys.NewFolder("store");
        var store = new FileSystemJwtKeyStore(folder);
        var key = TestKeys.Record("kid-1", 0);

        Assert.True(await store.TryAddKeyAsync(key, None));

        Assert.Equal([key], await store.LoadKeysAsync(None));
        Assert.Equal(["key-kid-1.json"], folder.GetFiles("key-*").Select(f => f.Name));
        Assert.Equal($"file system ({folder.FullName})", store.Description);
    }

    [Fact]
    public async Task AMissingFolderIsAnEmptyStoreAndIsCreatedOnTheFirstWrite()
    {
        var folder = new DirectoryInfo(Path.Combine(TestKeys.NewFolder("store").FullName, "a", "b"));
        var store = new FileSystemJwtKeyStore(folder);

        Assert.Empty(await store.LoadKeysAsync(None));
        Assert.True(await store.TryAddKeyAsync(TestKeys.Record("k", 0), None));
        Assert.Single(await store.LoadKeysAsync(None));
    }

    [Fact]
    public async Task AStoredKidIsNeverOverwritten()
    {
        var folder = TestKeys.NewFolder("store");
        var store = new FileSystemJwtKeyStore(folder);
        var first = TestKeys.Record("same", 0);
        await store.TryAddKeyAsync(first, None);

        Assert.False(await store.TryAddKeyAsync(first with { ProtectedKey = "other", Created = first.Created.AddDays(1) }, None));

        Assert.Equal([first], await store.LoadKeysAsync(None));
        Assert.Empty(folder.GetFiles(".tmp-*"));
    }

    [Fact]
    public async Task ParallelAddsFromManyTasksKeepEveryDistinctKeyAndExactlyOneOfAContestedKid()
    {
        var folder = TestKeys.NewFolder("store");
        var stores = Enumerable.Range(0, 8).Select(_ => new FileSystemJwtKeyStore(folder)).ToArray();

        var distinct = Enumerable.Range(0, 40).Select(i => Task.Run(() => stores[i % 8].TryAddKeyAsync(TestKeys.Record($"k{i}", i), None)));
        var contested = Enumerable.Range(0, 40).Select(i => Task.Run(() => stores[i % 8].TryAddKeyAsync(TestKeys.Record("contested", i) with { ProtectedKey = $"p{i}" }, None)));
        var distinctResults = await Task.WhenAll(distinct);
        var contestedResults = await Task.WhenAll(contested);

        Assert.All(distinctResults, Assert.True);
        Assert.Single(contestedResults, added => added);
        var loaded = await stores[0].LoadKeysAsync(None);
        Assert.Equal(41, loaded.Count);
        Assert.Empty(folder.GetFiles(".tmp-*"));
    }

    [Fact]
    public async Task TemporaryAndUnrelatedFilesAreNeverRead()
    {
        var folder = TestKeys.NewFolder("store");
        var store = new FileSystemJwtKeyStore(folder);
        await store.TryAddKeyAsync(TestKeys.Record("good", 0), None);
        File.WriteAllText(Path.Combine(folder.FullName, ".tmp-0123456789abcdef"), "{\"version\":1,\"kid\":\"half-wr");
        File.WriteAllText(Path.Combine(folder.FullName, "README.txt"), "not a key");

        Assert.Equal(["good"], (await store.LoadKeysAsync(None)).Select(k => k.KeyId));
    }

    [Fact]
    public async Task ADamagedFileIsAnErrorNamingTheFile()
    {
        var folder = TestKeys.NewFolder("store");
        var store = new FileSystemJwtKeyStore(folder);
        string path = Path.Combine(folder.FullName, "key-broken.json");
        File.WriteAllText(path, "{\"version\":1,\"kid\":\"broken\",\"name\":\"signing\",\"alg\":\"ES256\",\"created\":\"2030-01-01T00:00:00.0000000+00:00\",\"protec");

        var error = await Assert.ThrowsAsync<FormatException>(() => store.LoadKeysAsync(None));

        Assert.Equal($"The stored signing key {path} cannot be read: it is not valid JSON. It was not written by TokenIssuer, or it was damaged; delete it and the key manager creates a new key when one is due.", error.Message);
    }

    [Fact]
    public async Task AFileWhoseKidIsNotItsNameIsAnErrorNamingTheFile()
    {
        var folder = TestKeys.NewFolder("store");
        var store = new FileSystemJwtKeyStore(folder);
        await store.TryAddKeyAsync(TestKeys.Record("one", 0), None);
        File.Move(Path.Combine(folder.FullName, "key-one.json"), Path.Combine(folder.FullName, "key-two.json"));

        var error = await Assert.ThrowsAsync<FormatException>(() => store.LoadKeysAsync(None));

        Assert.Contains(Path.Combine(folder.FullName, "key-two.json"), error.Message);
        Assert.Contains("holds kid one, which is not the kid in its file name", error.Message);
    }

    [Fact]
    public async Task KeyFilesAreReadableByTheirOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return; // Unix file modes
        var folder = new DirectoryInfo(Path.Combine(TestKeys.NewFolder("store").FullName, "keys"));
        var store = new FileSystemJwtKeyStore(folder);

        await store.TryAddKeyAsync(TestKeys.Record("k", 0), None);

        Assert.All(folder.GetFiles(), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, f.UnixFileMode));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.FullName));
    }

    [Fact]
    public async Task DeletingRemovesTheFileAndAMissingKeyIsNotAnError()
    {
        var folder = TestKeys.NewFolder("store");
        var store = new FileSystemJwtKeyStore(folder);
        await store.TryAddKeyAsync(TestKeys.Record("k", 0), None);

        await store.DeleteKeyAsync("k", None);
        await store.DeleteKeyAsync("k", None);

        Assert.Empty(await store.LoadKeysAsync(None));
        Assert.Empty(folder.GetFiles());
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task AKidThatIsNotBase64urlCannotNameAFile(string kid)
    {
        var store = new FileSystemJwtKeyStore(TestKeys.NewFolder("store"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.TryAddKeyAsync(TestKeys.Record(kid, 0), None));
        Assert.Contains("is not base64url text", error.Message);
    }

    [Fact]
    public void TheDefaultFolderIsUnderLocalAppDataPerApplication()
    {
        var folder = FileSystemJwtKeyStore.DefaultDirectory("My/App");

        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "TokenIssuer", "managed-keys", "My_App"), folder.FullName);
    }
}
