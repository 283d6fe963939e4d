using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.KeyManagement.Tests;

/// <summary>Helpers shared by the tests: fixed times, records, folders and Data Protection key rings.</summary>
internal static class TestKeys
{
    public static readonly DateTimeOffset T0 = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Rotation in seconds: 90 s of signing, announced 14 s before, kept 14 s after.</summary>
    public static readonly ManagedKeySettings Seconds = new(JwtAlgorithm.ES256, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(14), TimeSpan.FromSeconds(14));

    public static JwtStoredKey Record(string kid, double createdSeconds, string name = "signing")
        => new(kid, name, "ES256", T0.AddSeconds(createdSeconds), "not-a-real-protected-key");

    public static DirectoryInfo NewFolder(string what)
    {
        var folder = new DirectoryInfo(Path.Combine(Path.GetTempPath(), "tokenissuer-km-tests", what + "-" + Guid.NewGuid().ToString("N")));
        folder.Create();
        return folder;
    }

    /// <summary>A Data Protection key ring in its own folder: two calls are two instances that do not share one.</summary>
    public static IDataProtectionProvider KeyRing(DirectoryInfo folder, string applicationName = "key-management-tests")
        => new ServiceCollection()
            .AddDataProtection().PersistKeysToFileSystem(folder).SetApplicationName(applicationName).Services
            .BuildServiceProvider()
            .GetRequiredService<IDataProtectionProvider>();
}
