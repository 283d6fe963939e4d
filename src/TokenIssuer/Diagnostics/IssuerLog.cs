using Microsoft.Extensions.Logging;

namespace TokenIssuer;

/// <summary>TokenIssuer's log messages. None carries key material: keys appear by name and kid only.</summary>
internal static partial class IssuerLog
{
    [LoggerMessage(1, LogLevel.Information, "TokenIssuer loaded {ProfileCount} profile(s) ({Profiles}) and {KeyCount} key(s).")]
    public static partial void ProfilesLoaded(ILogger logger, int profileCount, string profiles, int keyCount);

    [LoggerMessage(2, LogLevel.Information, "TokenIssuer reloaded its configuration: profile {Profile} now signs with key {KeyName} (kid {KeyId}).")]
    public static partial void KeyRotated(ILogger logger, string profile, string keyName, string keyId);

    [LoggerMessage(3, LogLevel.Error, "TokenIssuer ignored a configuration reload because it is invalid; the previous profiles and keys stay in use. Problems: {Problems}")]
    public static partial void ReloadRejected(ILogger logger, string problems);

    [LoggerMessage(4, LogLevel.Warning, "TokenIssuer created a development key for profile {Profile} ({Algorithm}) at {Path}. Development keys are for local use only; configure JwtIssuer:Keys before deploying.")]
    public static partial void DevelopmentKeyCreated(ILogger logger, string profile, JwtAlgorithm algorithm, string path);

    [LoggerMessage(5, LogLevel.Warning, "TokenIssuer profile {Profile} signs with a development key. Configure JwtIssuer:Keys before deploying.")]
    public static partial void DevelopmentKeyInUse(ILogger logger, string profile);

    [LoggerMessage(6, LogLevel.Warning, "TokenIssuer profiles {First} and {Second} issue tokens that can stand in for each other: they are signed with the same key (kid {KeyId}, {Algorithm}) and agree on issuer, audience and typ \"{TokenType}\", so validation from one profile accepts the other's tokens (RFC 8725 §3.11). Tell them apart: set {Profile}:Header:typ (e.g. \"refresh+jwt\") or a different {Profile}:Audience.")]
    public static partial void InterchangeableProfiles(ILogger logger, string first, string second, string keyId, JwtAlgorithm algorithm, string tokenType, string profile);

    [LoggerMessage(7, LogLevel.Warning, "TokenIssuer discovery announces {BaseUrl}, a Development default: neither JwtIssuer:PublicUrl nor an https Issuer gives this app's public address. Set JwtIssuer:PublicUrl before deploying.")]
    public static partial void DevelopmentDiscoveryUrl(ILogger logger, string baseUrl);

    [LoggerMessage(8, LogLevel.Error, "TokenIssuer discovery ignored a configuration reload and keeps announcing {BaseUrl}: {Problem}")]
    public static partial void DiscoveryReloadRejected(ILogger logger, string baseUrl, string problem);

    [LoggerMessage(9, LogLevel.Error, "TokenIssuer could not reload its configuration ({Trigger}); the previous profiles and keys stay in use.")]
    public static partial void ReloadFailed(ILogger logger, string trigger, Exception exception);

    [LoggerMessage(10, LogLevel.Information, "TokenIssuer picked up a change of key file {Path}; reloading its keys.")]
    public static partial void KeyFileChanged(ILogger logger, string path);

    [LoggerMessage(11, LogLevel.Information, "TokenIssuer retired key {KeyName} (kid {KeyId}, {Algorithm}): no profile of {Profiles} signs with it any more; it stays published {Until} so that the tokens it signed still validate.")]
    public static partial void KeyRetired(ILogger logger, string keyName, string keyId, JwtAlgorithm algorithm, string profiles, string until);

    [LoggerMessage(12, LogLevel.Warning, "TokenIssuer profile {Profile} now signs with key {KeyName} (kid {KeyId}), which was not announced before: validators that cache the JWKS (JwtBearer refreshes it every 12 h, and at most every 5 min for an unknown kid) reject its tokens until they refresh. The planned path: add the next key under Keys first (it is announced: published, not signing), wait for the validators' refresh, then point SigningKey at it.")]
    public static partial void KeyNotAnnounced(ILogger logger, string profile, string keyName, string keyId);

    [LoggerMessage(13, LogLevel.Warning, "TokenIssuer profile {Profile} sets no ExpiresIn: its tokens never expire, so they outlive every key rotation. A key it signed with is kept (retired, still published) after a rotation until the app restarts; after a restart only configured keys validate. Set {Path}, or keep a replaced key configured under Keys for as long as its tokens must validate.")]
    public static partial void ProfileTokensNeverExpire(ILogger logger, string profile, string path);

    [LoggerMessage(15, LogLevel.Warning, "TokenIssuer key material {Path} is written in {File}, which is committed with the app: anyone who can read the repository or the build output can forge tokens. Move it to user-secrets, an environment variable or a secret store (the value is not logged).")]
    public static partial void InlineKeyMaterial(ILogger logger, string path, string file);

    [LoggerMessage(14, LogLevel.Error, "TokenIssuer could not check its key files for changes; it tries again at the next change or poll.")]
    public static partial void KeyFileCheckFailed(ILogger logger, Exception exception);
}
