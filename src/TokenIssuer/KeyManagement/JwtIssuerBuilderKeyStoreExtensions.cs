using Microsoft.Extensions.DependencyInjection.Extensions;
using TokenIssuer;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Where managed signing keys are kept: <c>services.AddJwtIssuer().PersistKeysToFileSystem(...)</c>.</summary>
public static class JwtIssuerBuilderKeyStoreExtensions
{
    /// <summary>
    /// Keeps managed signing keys in <paramref name="directory"/>, one file per key, protected with the app's
    /// ASP.NET Core Data Protection. Give every instance of the app the same folder (a shared volume) and the same
    /// Data Protection key ring, and they sign with the same keys. Named after Data Protection's own
    /// <c>PersistKeysToFileSystem</c>; replaces any store registered before.
    /// </summary>
    public static JwtIssuerBuilder PersistKeysToFileSystem(this JwtIssuerBuilder builder, DirectoryInfo directory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(directory);
        builder.Services.Replace(ServiceDescriptor.Singleton<IJwtKeyStore>(new FileSystemJwtKeyStore(directory)));
        return builder;
    }
}
