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
}
