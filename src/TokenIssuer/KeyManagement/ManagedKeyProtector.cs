using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace TokenIssuer;

/// <summary>
/// Turns a generated key into a <see cref="JwtStoredKey"/> and back, with the private key protected by the
/// app's ASP.NET Core Data Protection. The plaintext (PKCS#8 DER) exists only in memory and is zeroed after
/// use; nothing unprotected is ever handed to a store.
/// </summary>
internal sealed class ManagedKeyProtector
{
    /// <summary>The Data Protection purpose: a key protected for anything else cannot be unprotected here, and vice versa.</summary>
    public const string Purpose = "TokenIssuer.ManagedSigningKeys.v1";

    private const int Pkcs8FormatVersion = 1;

    private readonly IDataProtector _protector;

    public ManagedKeyProtector(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _protector = provider.CreateProtector(Purpose);
    }

    /// <summary>The finest time a record keeps: PostgreSQL's <c>timestamptz</c> (and MySQL's <c>datetime(6)</c>) keep microseconds, not .NET's 100 ns ticks.</summary>
    public static readonly TimeSpan CreatedPrecision = TimeSpan.FromMicroseconds(1);

    /// <summary>
    /// Generates a key for <paramref name="algorithm"/> with its RFC 7638 thumbprint as <c>kid</c>, and its protected record.
    /// The record's <c>Created</c> is <paramref name="created"/> in UTC, truncated to whole microseconds
    /// (<see cref="CreatedPrecision"/>), so that every store gives back exactly the record it was given.
    /// </summary>
    public (SigningKey Key, JwtStoredKey Record) Generate(string keyName, JwtAlgorithm algorithm, DateTimeOffset created)
    {
        if (JwtAlgorithmNames.Family(algorithm) == JwtAlgorithmFamily.Hmac)
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Managed keys are asymmetric: an HMAC secret is never published.");
        }

        using var unnamed = SigningKey.Generate(algorithm);
        byte[] pkcs8 = ExportPkcs8(unnamed);
        try
        {
            string keyId = JwkThumbprint.Compute(unnamed);
            var key = Import(pkcs8, algorithm, keyId);
            string protectedKey = Base64Url.EncodeToString(_protector.Protect(pkcs8));
            return (key, new JwtStoredKey(keyId, keyName, JwtAlgorithmNames.Name(algorithm), Truncate(created), protectedKey, Pkcs8FormatVersion));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>Unprotects a stored key and checks that it is the key its <c>kid</c> names.</summary>
    /// <param name="record">The stored key.</param>
    /// <param name="storeDescription">The store it came from, for the message.</param>
    /// <exception cref="ManagedKeyUnprotectException">This instance's Data Protection cannot unprotect it, or the record is not a usable key; the message never shows the payload.</exception>
    public SigningKey Unprotect(JwtStoredKey record, string storeDescription)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.FormatVersion != Pkcs8FormatVersion)
        {
            throw new ManagedKeyUnprotectException(record, storeDescription,
                $"it has format version {record.FormatVersion}, and this version of TokenIssuer reads version {Pkcs8FormatVersion}. It was written by a newer TokenIssuer: upgrade this instance.", null);
        }

        if (!JwtAlgorithmNames.TryParse(record.Algorithm, out var algorithm) || JwtAlgorithmNames.Family(algorithm) == JwtAlgorithmFamily.Hmac)
        {
            throw new ManagedKeyUnprotectException(record, storeDescription, $"its algorithm \"{record.Algorithm}\" is not one a managed key can have (RS*, PS*, ES*).", null);
        }

        byte[] pkcs8;
        try
        {
            pkcs8 = _protector.Unprotect(Base64Url.DecodeFromChars(record.ProtectedKey));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw new ManagedKeyUnprotectException(record, storeDescription,
                "this instance's ASP.NET Core Data Protection cannot unprotect it: its Data Protection key ring is not the one that protected the key. " +
                "Every instance must share one key ring: persist Data Protection keys where all instances see them (services.AddDataProtection().PersistKeysToFileSystem(...), " +
                "PersistKeysToStackExchangeRedis(...), PersistKeysToDbContext<T>()), protect them alike, and give every instance the same SetApplicationName(...).", e);
        }

        try
        {
            var key = Import(pkcs8, algorithm, record.KeyId);
            if (JwkThumbprint.Compute(key) != record.KeyId)
            {
                key.Dispose();
                throw new ManagedKeyUnprotectException(record, storeDescription, "the key it holds is not the key its kid names (the kid is the key's RFC 7638 thumbprint). The record was tampered with or damaged: delete it.", null);
            }

            return key;
        }
        catch (CryptographicException e)
        {
            throw new ManagedKeyUnprotectException(record, storeDescription, $"it unprotects, but not to a {algorithm} private key. The record was damaged: delete it.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private static DateTimeOffset Truncate(DateTimeOffset created)
    {
        long ticks = created.UtcTicks;
        return new DateTimeOffset(ticks - ticks % CreatedPrecision.Ticks, TimeSpan.Zero);
    }

    private static byte[] ExportPkcs8(SigningKey key) => key switch
    {
        RsaSigningKey rsa => rsa.Rsa.ExportPkcs8PrivateKey(),
        EcdsaSigningKey ec => ec.Ecdsa.ExportPkcs8PrivateKey(),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key.Kind, "Managed keys are RSA or EC keys."),
    };

    private static SigningKey Import(byte[] pkcs8, JwtAlgorithm algorithm, string keyId)
    {
        if (JwtAlgorithmNames.Family(algorithm) == JwtAlgorithmFamily.Ecdsa)
        {
            var ecdsa = ECDsa.Create();
            try
            {
                ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
                var key = new EcdsaSigningKey(ecdsa, keyId, algorithm);
                if (EcCurves.CurveFor(algorithm) != key.CurveName) throw new CryptographicException("The key is not on the algorithm's curve.");
                return key;
            }
            catch
            {
                ecdsa.Dispose();
                throw;
            }
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            if (rsa.KeySize < KeyGenerator.RsaKeySize) throw new CryptographicException("The RSA key is shorter than 2048 bits.");
            return new RsaSigningKey(rsa, isPssKey: false, pssRestriction: null, keyId, algorithm);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }
}
