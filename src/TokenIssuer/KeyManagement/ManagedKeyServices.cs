using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TokenIssuer;

/// <summary>The services managed keys need, for <c>AddJwtIssuer</c> to add, and the manager's construction.</summary>
internal static class ManagedKeyServices
{
    /// <summary>
    /// Adds Data Protection (the app's own configuration of it wins: <c>AddDataProtection</c> only adds what is
    /// missing), the local default store unless a store is registered (before or after this call, since
    /// <c>PersistKeysToFileSystem</c> replaces it), and the protector.
    /// </summary>
    public static void Add(IServiceCollection services)
    {
        services.AddDataProtection();
        services.TryAddSingleton<IJwtKeyStore>(sp => CreateLocalDefault(sp.GetService<IHostEnvironment>()));
        services.TryAddSingleton(sp => new ManagedKeyProtector(sp.GetRequiredService<IDataProtectionProvider>()));
    }

    /// <summary>The default store: <see cref="FileSystemJwtKeyStore.DefaultDirectory"/> of the app's name.</summary>
    public static FileSystemJwtKeyStore CreateLocalDefault(IHostEnvironment? environment)
    {
        string name = environment?.ApplicationName is { Length: > 0 } app ? app : System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "app";
        return new FileSystemJwtKeyStore(FileSystemJwtKeyStore.DefaultDirectory(name), isLocalDefault: true);
    }

    /// <summary>Logs <see cref="KeyManagementLog.LocalDefaultStore"/> when managed keys use the local default outside Development.</summary>
    public static void WarnIfLocalDefault(IJwtKeyStore store, IHostEnvironment? environment, ILogger logger)
    {
        if (store is FileSystemJwtKeyStore { IsLocalDefault: true } local && environment?.IsDevelopment() != true)
        {
            KeyManagementLog.LocalDefaultStore(logger, local.Directory.FullName);
        }
    }

    /// <summary>A manager for <paramref name="keys"/> (managed key name → settings) with the registered store, protector and clock.</summary>
    public static ManagedKeyManager CreateManager(IServiceProvider services, IReadOnlyDictionary<string, ManagedKeySettings> keys, ManagedKeyManagerOptions? options = null)
        => new(keys,
            services.GetRequiredService<IJwtKeyStore>(),
            services.GetRequiredService<ManagedKeyProtector>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetService<ILoggerFactory>()?.CreateLogger("TokenIssuer.KeyManagement") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            options);
}
