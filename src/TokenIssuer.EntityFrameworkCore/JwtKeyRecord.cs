using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace TokenIssuer.EntityFrameworkCore;

/// <summary>
/// A row of the signing-key table: a <see cref="JwtStoredKey"/> as columns. Written once, never updated.
/// The unique index on <see cref="KeyId"/> is what makes concurrent adds safe: the second insert of a
/// <c>kid</c> fails in the database, so no instance overwrites another's key.
/// </summary>
[Index(nameof(KeyId), IsUnique = true)]
public sealed class JwtKeyRecord
{
    /// <summary>The row's id (database-generated).</summary>
    public int Id { get; set; }

    /// <summary>The key's <c>kid</c> (its RFC 7638 thumbprint: 43 characters for SHA-256); unique.</summary>
    [Required]
    [MaxLength(128)]
    public string KeyId { get; set; } = "";

    /// <summary>The entry under <c>JwtIssuer:Keys</c> the key belongs to.</summary>
    [Required]
    [MaxLength(200)]
    public string KeyName { get; set; } = "";

    /// <summary>The JWS algorithm, e.g. <c>ES256</c>.</summary>
    [Required]
    [MaxLength(16)]
    public string Algorithm { get; set; } = "";

    /// <summary>When the key was created, in UTC (kept to the database's precision: microseconds on PostgreSQL).</summary>
    public DateTimeOffset Created { get; set; }

    /// <summary>The private key protected with Data Protection (base64url text); never the key in the clear.</summary>
    [Required]
    public string ProtectedKey { get; set; } = "";

    /// <summary>The layout of <see cref="ProtectedKey"/>'s plaintext (<see cref="JwtStoredKey.FormatVersion"/>).</summary>
    public int FormatVersion { get; set; } = 1;

    /// <summary>The row of <paramref name="key"/>.</summary>
    public static JwtKeyRecord From(JwtStoredKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new JwtKeyRecord
        {
            KeyId = key.KeyId,
            KeyName = key.KeyName,
            Algorithm = key.Algorithm,
            // PostgreSQL's timestamptz accepts only offset 0; every provider stores the same instant.
            Created = key.Created.ToUniversalTime(),
            ProtectedKey = key.ProtectedKey,
            FormatVersion = key.FormatVersion,
        };
    }

    /// <summary>The stored key this row holds.</summary>
    public JwtStoredKey ToStoredKey() => new(KeyId, KeyName, Algorithm, Created.ToUniversalTime(), ProtectedKey, FormatVersion);

    /// <summary>Omits <see cref="ProtectedKey"/>, as <see cref="JwtStoredKey.ToString"/> does.</summary>
    public override string ToString() => $"{KeyName}/{KeyId} ({Algorithm}, created {Created:O})";
}
