using Microsoft.Extensions.Logging.Abstractions;

namespace TokenIssuer.KeyManagement.Tests;

/// <summary>
/// The entry point when the test assembly is started as a process of its own (<c>dotnet TokenIssuer.KeyManagement.Tests.dll
/// worker {store} {dataProtectionKeys}</c>): one app instance that starts a key manager on a shared folder and prints the
/// kid it signs with. The test host never calls it.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["worker", var store, var keyRing]) return 2;
        var provider = TestKeys.KeyRing(new DirectoryInfo(keyRing), "two-processes");
        await using var manager = new ManagedKeyManager(
            new Dictionary<string, ManagedKeySettings> { ["signing"] = ManagedKeySettings.Default },
            new FileSystemJwtKeyStore(new DirectoryInfo(store)), new ManagedKeyProtector(provider), TimeProvider.System, NullLogger.Instance,
            new ManagedKeyManagerOptions { SynchronizationDelay = TimeSpan.FromSeconds(2) });
        await manager.StartAsync(CancellationToken.None);
        Console.WriteLine(manager.GetSnapshot("signing").Active.KeyId);
        return 0;
    }
}
