using Microsoft.Extensions.Logging;

namespace TokenIssuer;

/// <summary>
/// The key manager's log messages (event ids 100 and up; <see cref="IssuerLog"/> uses 1–99). Keys appear by
/// key name and kid only, stores by their <see cref="IJwtKeyStore.Description"/>.
/// </summary>
internal static partial class KeyManagementLog
{
    [LoggerMessage(100, LogLevel.Information, "TokenIssuer created managed key {KeyName} {KeyId} ({Algorithm}) in {Store}; it is announced now and signs from {Activates:O}.")]
    public static partial void KeyCreated(ILogger logger, string keyName, string keyId, string algorithm, string store, DateTimeOffset activates);

    [LoggerMessage(101, LogLevel.Information, "TokenIssuer managed key {KeyName} {KeyId} is announced (published, not signing yet); it signs from {Activates:O}.")]
    public static partial void KeyAnnounced(ILogger logger, string keyName, string keyId, DateTimeOffset activates);

    [LoggerMessage(102, LogLevel.Information, "TokenIssuer managed key {KeyName} {KeyId} is now active: it signs new tokens.")]
    public static partial void KeyActivated(ILogger logger, string keyName, string keyId);

    [LoggerMessage(103, LogLevel.Information, "TokenIssuer managed key {KeyName} {KeyId} signs at once: no key of this name had been announced before (first start on an empty store).")]
    public static partial void FirstKeyActivated(ILogger logger, string keyName, string keyId);

    [LoggerMessage(104, LogLevel.Information, "TokenIssuer managed key {KeyName} {KeyId} is retired: it no longer signs and stays published until {Expires:O}.")]
    public static partial void KeyRetired(ILogger logger, string keyName, string keyId, DateTimeOffset? expires);

    [LoggerMessage(105, LogLevel.Information, "TokenIssuer deleted expired managed key {KeyName} {KeyId} from {Store}.")]
    public static partial void KeyDeleted(ILogger logger, string keyName, string keyId, string store);

    [LoggerMessage(106, LogLevel.Error, "TokenIssuer cannot reach its managed key store {Store}; it goes on with the keys it has and retries. No new key is created and none is deleted until the store is back.")]
    public static partial void StoreFailed(ILogger logger, string store, Exception exception);

    [LoggerMessage(107, LogLevel.Information, "TokenIssuer's managed key store {Store} is reachable again.")]
    public static partial void StoreRecovered(ILogger logger, string store);

    [LoggerMessage(108, LogLevel.Error, "{Message}")]
    public static partial void UnprotectFailed(ILogger logger, string message, Exception? exception);

    [LoggerMessage(109, LogLevel.Warning, "TokenIssuer keeps managed keys in {Path}, a folder on this machine only: other instances of the app do not see it and will sign with keys of their own. Call PersistKeysToFileSystem(...) on AddJwtIssuer() with a folder every instance shares.")]
    public static partial void LocalDefaultStore(ILogger logger, string path);

    [LoggerMessage(110, LogLevel.Warning, "{Message}")]
    public static partial void ProfileOutlivesRotation(ILogger logger, string message);

    [LoggerMessage(111, LogLevel.Information, "TokenIssuer deleted managed key {KeyName} {KeyId}, which it had just created in {Store}: another instance created {KeptKeyId} for the same rotation at the same moment, and that older key is the one every instance uses.")]
    public static partial void DuplicateKeyDeleted(ILogger logger, string keyName, string keyId, string store, string keptKeyId);
}
