namespace TokenIssuer;

/// <summary>
/// Where managed signing keys are kept so that every instance of an app shares them: a folder, Redis, a
/// database. The shape of ASP.NET Data Protection's <c>IXmlRepository</c> and Duende's <c>ISigningKeyStore</c>:
/// a store holds immutable records and knows nothing of rotation; the key manager decides what to create,
/// what signs and what to delete.
/// </summary>
/// <remarks>
/// Records are written once and never changed, so no instance can overwrite another's key: a store adds a
/// record only when no record with its <see cref="JwtStoredKey.KeyId"/> exists. A store never sees a private
/// key in the clear: <see cref="JwtStoredKey.ProtectedKey"/> is already protected with the app's Data Protection.
/// Implementations throw on failure (an unreachable server, an unreadable folder); the key manager logs it once
/// per outage and goes on with the keys it has.
/// </remarks>
public interface IJwtKeyStore
{
    /// <summary>Every key in the store, of every managed key name, in any order.</summary>
    Task<IReadOnlyCollection<JwtStoredKey>> LoadKeysAsync(CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="key"/> unless a key with the same id is stored already.</summary>
    /// <returns><see langword="true"/> when this call added it; <see langword="false"/> when the id was taken.</returns>
    Task<bool> TryAddKeyAsync(JwtStoredKey key, CancellationToken cancellationToken);

    /// <summary>Removes the key with id <paramref name="keyId"/>; removing a key that is not there is not an error.</summary>
    Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>What the store is, for logs and health checks (e.g. <c>file system (/var/keys)</c>); never a secret such as a connection string's password.</summary>
    string Description { get; }
}
