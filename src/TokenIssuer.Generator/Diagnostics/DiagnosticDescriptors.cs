using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TokenIssuer.Generator.Diagnostics;

/// <summary>
/// Every diagnostic of the generator, with its stable ID (documented in the README and, one entry each, in
/// docs/troubleshooting.md). The profile rules are shared with the runtime (<c>ProfileRules</c>): their
/// descriptors have the message <c>{where}: {sentence}</c>, where the sentence is the one start-up gives for
/// the same mistake and <c>where</c> is the configuration path (or the attribute) the mistake is at.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "TokenIssuer";
    private const string RuleMessage = "{0}: {1}";

    public static readonly DiagnosticDescriptor MalformedJson = new(
        "TKI001", "Malformed JSON", "{0} is not valid JSON: {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownAlgorithm = Rule("TKI002", "Unknown algorithm");

    public static readonly DiagnosticDescriptor BadDuration = Rule("TKI003", "Unparseable duration");

    public static readonly DiagnosticDescriptor UnknownOption = Rule("TKI004", "Unknown option");

    public static readonly DiagnosticDescriptor ForbiddenHeader = Rule("TKI005", "Forbidden header member");

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Rule("TKI006", "Unsupported claim type");

    public static readonly DiagnosticDescriptor ClaimCollision = Rule("TKI007", "Claim collides");

    public static readonly DiagnosticDescriptor DuplicateProfile = new(
        "TKI008", "Duplicate profile", "The profile '{0}' is declared more than once ({1}); give each profile its own name",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidProfileName = new(
        "TKI009", "Profile name is not an identifier", "The profile name '{0}' is not a valid C# identifier, so no Issue{0} method can be generated; use letters, digits and '_' and start with a letter",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor KeyDoesNotFit = Rule("TKI010", "Key does not fit the algorithm");

    public static readonly DiagnosticDescriptor UnitlessDuration = Rule("TKI011", "Duration without a unit", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor GenericClaimsType = new(
        "TKI012", "Generic claims type", "Profile '{0}': '{1}' is generic; a [JwtProfile] type must be a non-generic record, class or struct",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary><c>exp</c>/<c>iat</c>/<c>nbf</c>, or a claim an option sets, under a profile's <c>Claims</c>.</summary>
    public static readonly DiagnosticDescriptor FixedClaimRefused = Rule("TKI013", "Fixed claim the profile computes or sets");

    /// <summary>
    /// A <c>SigningKey</c> that names no key under <c>JwtIssuer:Keys</c> of the appsettings files. A warning, and
    /// only when the files declare a <c>Keys</c> section at all: keys may also come from user-secrets or the
    /// environment, which the build cannot see.
    /// </summary>
    public static readonly DiagnosticDescriptor UnknownSigningKey = Rule("TKI014", "SigningKey names no key in the files", DiagnosticSeverity.Warning);

    /// <summary>A lifetime that cannot work: not positive, NotBefore not earlier than ExpiresIn, or too large.</summary>
    public static readonly DiagnosticDescriptor BadLifetime = Rule("TKI015", "Lifetime that issues no valid token");

    public static readonly DiagnosticDescriptor UnknownAccessibility = new(
        "TKI016", "Unknown TokenIssuerGeneratedAccessibility", "TokenIssuerGeneratedAccessibility is \"{0}\"; write internal (the default) or public. The generated types stay internal.",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <summary>A list or object where one value belongs, or a flag that is not true or false.</summary>
    public static readonly DiagnosticDescriptor WrongValueShape = Rule("TKI017", "Value of the wrong shape");

    /// <summary>
    /// A Secret, SecretBase64, Pem, Jwk or Passphrase written inline in a committed settings file (appsettings.json,
    /// appsettings.{Environment}.json other than Development): it is in source control and every build's inputs.
    /// </summary>
    public static readonly DiagnosticDescriptor InlineKeyMaterial = Rule("TKI018", "Key material written inline in a committed settings file", DiagnosticSeverity.Warning);

    /// <summary>An HMAC secret that is a placeholder (a phrase, a template slot, prose, a repeated character): start-up refuses it.</summary>
    public static readonly DiagnosticDescriptor PlaceholderSecret = Rule("TKI019", "Placeholder secret");

    /// <summary>An RFC 9068 profile (<c>"Rfc9068": true</c>) whose files do not guarantee a claim §2.2 requires.</summary>
    public static readonly DiagnosticDescriptor AccessTokenClaims = Rule("TKI020", "RFC 9068 access token claim not guaranteed");

    /// <summary>GenerateJwtId together with a constant JwtId.</summary>
    public static readonly DiagnosticDescriptor GenerateJwtIdWithJwtId = Rule("TKI021", "GenerateJwtId together with JwtId");

    /// <summary>A Header typ other than at+jwt in an RFC 9068 profile.</summary>
    public static readonly DiagnosticDescriptor AccessTokenType = Rule("TKI022", "Header typ of an RFC 9068 profile");

    /// <summary>
    /// Two profiles that would generate a method of the same name (<c>Access</c>'s <c>IssueAccessToken</c> and the profile
    /// <c>AccessToken</c>'s, or names that differ only in formatting characters). Build only: start-up has no generated methods.
    /// </summary>
    public static readonly DiagnosticDescriptor MethodNameCollision = Rule("TKI023", "Two profiles generate the same method name");

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = new()
    {
        [MethodNameCollision.Id] = MethodNameCollision,
        [InlineKeyMaterial.Id] = InlineKeyMaterial,
        [PlaceholderSecret.Id] = PlaceholderSecret,
        [AccessTokenClaims.Id] = AccessTokenClaims,
        [GenerateJwtIdWithJwtId.Id] = GenerateJwtIdWithJwtId,
        [AccessTokenType.Id] = AccessTokenType,
        [WrongValueShape.Id] = WrongValueShape,
        [MalformedJson.Id] = MalformedJson,
        [UnknownAlgorithm.Id] = UnknownAlgorithm,
        [BadDuration.Id] = BadDuration,
        [UnknownOption.Id] = UnknownOption,
        [ForbiddenHeader.Id] = ForbiddenHeader,
        [UnsupportedParameterType.Id] = UnsupportedParameterType,
        [ClaimCollision.Id] = ClaimCollision,
        [DuplicateProfile.Id] = DuplicateProfile,
        [InvalidProfileName.Id] = InvalidProfileName,
        [KeyDoesNotFit.Id] = KeyDoesNotFit,
        [UnitlessDuration.Id] = UnitlessDuration,
        [GenericClaimsType.Id] = GenericClaimsType,
        [FixedClaimRefused.Id] = FixedClaimRefused,
        [UnknownSigningKey.Id] = UnknownSigningKey,
        [BadLifetime.Id] = BadLifetime,
        [UnknownAccessibility.Id] = UnknownAccessibility,
    };

    /// <summary>Every descriptor, for tests and documentation checks.</summary>
    public static IEnumerable<DiagnosticDescriptor> All => ById.Values;

    public static Diagnostic Create(Model.DiagnosticInfo info)
    {
        var arguments = new object[info.Arguments.Count];
        for (int i = 0; i < arguments.Length; i++) arguments[i] = info.Arguments[i];
        return Diagnostic.Create(ById[info.Id], info.Location?.ToLocation() ?? Location.None, arguments);
    }

    private static DiagnosticDescriptor Rule(string id, string title, DiagnosticSeverity severity = DiagnosticSeverity.Error)
        => new(id, title, RuleMessage, Category, severity, isEnabledByDefault: true);
}
