using System;
using System.Collections.Generic;
namespace TokenIssuer;

/// <summary>
/// The option names of the <c>JwtIssuer</c> configuration section, as configuration spells them. The
/// runtime's configuration reader and the source generator both check names against these lists; the
/// rules about their values are in <see cref="ProfileRules"/>.
/// </summary>
internal static class ProfileOptionNames
{
    /// <summary>The configuration section TokenIssuer reads by default.</summary>
    public const string SectionName = "JwtIssuer";

    public const string Keys = "Keys";
    public const string Profiles = "Profiles";
    public const string DevelopmentKeysDirectory = "DevelopmentKeysDirectory";
    /// <summary>The public base URL the discovery document advertises (a string).</summary>
    public const string PublicUrl = "PublicUrl";
    /// <summary>How often key files are compared with what was loaded (a duration; unit-less means seconds).</summary>
    public const string KeyFilePollInterval = "KeyFilePollInterval";

    public static readonly string[] Section = { Keys, Profiles, DevelopmentKeysDirectory, PublicUrl, KeyFilePollInterval };

    public const string Pem = "Pem", PemFile = "PemFile", Secret = "Secret", SecretBase64 = "SecretBase64", Jwk = "Jwk", Passphrase = "Passphrase";

    /// <summary>A key the issuer generates and rotates itself: an object of <see cref="ManagedKey"/> options.</summary>
    public const string Managed = "Managed";

    public static readonly string[] Key = { Pem, PemFile, Secret, SecretBase64, Jwk, Managed, Passphrase, KeyId };

    public const string RotationInterval = "RotationInterval", PropagationTime = "PropagationTime", RetentionTime = "RetentionTime";

    /// <summary>The options of a key's <c>Managed</c> object.</summary>
    public static readonly string[] ManagedKey = { Algorithm, RotationInterval, PropagationTime, RetentionTime };

    public const string Algorithm = "Algorithm", SigningKey = "SigningKey", ExpiresIn = "ExpiresIn", NotBefore = "NotBefore", Audience = "Audience",
        Issuer = "Issuer", Subject = "Subject", JwtId = "JwtId", KeyId = "KeyId", NoTimestamp = "NoTimestamp", Header = "Header", Claims = "Claims",
        Parameters = "Parameters", AllowInsecureKeySizes = "AllowInsecureKeySizes", AllowInvalidAsymmetricKeyTypes = "AllowInvalidAsymmetricKeyTypes";

    /// <summary>A flag: every token gets a fresh random <c>jti</c> (128 bits, base64url).</summary>
    public const string GenerateJwtId = "GenerateJwtId";

    /// <summary>A flag: the profile issues OAuth 2.0 access tokens in the RFC 9068 profile (<c>typ</c> at+jwt, its required claims guaranteed).</summary>
    public const string Rfc9068 = "Rfc9068";

    /// <summary>A flag: the dynamic path accepts claims beyond the declared <c>Parameters</c>.</summary>
    public const string AllowUndeclaredClaims = "AllowUndeclaredClaims";

    public static readonly string[] Profile =
    {
        Algorithm, SigningKey, ExpiresIn, NotBefore, Audience, Issuer, Subject, JwtId, KeyId, NoTimestamp, Header, Claims, Parameters,
        AllowInsecureKeySizes, AllowInvalidAsymmetricKeyTypes, GenerateJwtId, Rfc9068, AllowUndeclaredClaims,
    };

    /// <summary>The profile options that are flags (true or false).</summary>
    public static readonly string[] ProfileFlags = { NoTimestamp, AllowInsecureKeySizes, AllowInvalidAsymmetricKeyTypes, GenerateJwtId, Rfc9068, AllowUndeclaredClaims };

    /// <summary>The profile options that hold one value (the others hold a list or an object: Audience, Header, Claims, Parameters).</summary>
    public static readonly string[] ProfileScalars = { Algorithm, SigningKey, ExpiresIn, NotBefore, Issuer, Subject, JwtId, KeyId, NoTimestamp, AllowInsecureKeySizes, AllowInvalidAsymmetricKeyTypes,
        GenerateJwtId, Rfc9068, AllowUndeclaredClaims };
}
