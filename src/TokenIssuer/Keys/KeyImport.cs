using System.Security.Cryptography;

namespace TokenIssuer;

/// <summary>Fills a new key object from encoded bytes or parameters, disposing of it when that fails.</summary>
internal static class KeyImport
{
    /// <summary><paramref name="key"/> after <paramref name="import"/>; disposed (never leaked) when the import throws.</summary>
    public static T Into<T>(T key, Action<T> import) where T : AsymmetricAlgorithm
    {
        try
        {
            import(key);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
