using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>
/// One Data Protection key ring for every instance of the app, in a folder they all see, with one application
/// name: what a deployment configures so that any instance can unprotect the signing keys another one stored.
/// The ring's first key is created before the instances start, as it exists before a deployment's instances do.
/// </summary>
public sealed class SharedKeyRing : IDisposable
{
    public const string ApplicationName = "tokenissuer-key-stores-tests";

    private readonly TempDirectory _folder = new();

    public SharedKeyRing()
    {
        using var provider = Add(new ServiceCollection()).BuildServiceProvider();
        provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("warm-up").Protect([1]);
    }

    public string Folder => _folder.Path;

    /// <summary>Data Protection on this key ring, as each instance adds it.</summary>
    public IServiceCollection Add(IServiceCollection services)
    {
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Folder)).SetApplicationName(ApplicationName);
        return services;
    }

    /// <summary>The protector TokenIssuer protects managed keys with, on this key ring: for the test to unprotect what the store holds.</summary>
    public IDataProtector CreateManagedKeyProtector()
        => Add(new ServiceCollection()).BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector(ManagedKeyProtector.Purpose);

    public void Dispose() => _folder.Dispose();
}
