using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TokenIssuer.Generator.Diagnostics;

/// <summary>Every diagnostic of the generator, with its stable ID (documented in the README).</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "TokenIssuer";

    public static readonly DiagnosticDescriptor MalformedJson = new(
        "TKI001", "Malformed JSON", "{0} is not valid JSON: {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownAlgorithm = new(
        "TKI002", "Unknown algorithm", "Profile '{0}': \"{1}\" is not an algorithm; use one of HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512{2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadDuration = new(
        "TKI003", "Unparseable duration", "Profile '{0}': {1} \"{2}\" is not a duration; write a number with a unit such as \"90s\", \"15m\", \"10h\", \"2 days\" (a number with no unit means seconds)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownOption = new(
        "TKI004", "Unknown option", "{0}: \"{1}\" is not an option{2}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ForbiddenHeader = new(
        "TKI005", "Forbidden header member", "Profile '{0}': \"{1}\" cannot be set in Header; {2}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedParameterType = new(
        "TKI006", "Unsupported claim type", "Profile '{0}': claim '{1}' has type '{2}', which is not supported; use string, bool, int, long, double, decimal, Guid, DateTimeOffset, string[], IEnumerable<string> or their nullable forms{3}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ClaimCollision = new(
        "TKI007", "Claim collides", "Profile '{0}': the per-call claim '{1}' collides with {2}; rename it or remove the other",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateProfile = new(
        "TKI008", "Duplicate profile", "The profile '{0}' is declared more than once ({1}); give each profile its own name",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidProfileName = new(
        "TKI009", "Profile name is not an identifier", "The profile name '{0}' is not a valid C# identifier, so no Issue{0} method can be generated; use letters, digits and '_' and start with a letter",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor KeyDoesNotFit = new(
        "TKI010", "Key does not fit the algorithm", "Profile '{0}': key '{1}' {2}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnitlessDuration = new(
        "TKI011", "Duration without a unit", "Profile '{0}': {1} \"{2}\" has no unit and is read as {2} seconds in a profile; write \"{2}s\" (or \"{2}ms\" if you meant milliseconds)",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericClaimsType = new(
        "TKI012", "Generic claims type", "Profile '{0}': '{1}' is generic; a [JwtProfile] type must be a non-generic record, class or struct",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = new()
    {
        [GenericClaimsType.Id] = GenericClaimsType,
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
    };

    public static Diagnostic Create(Model.DiagnosticInfo info)
    {
        var arguments = new object[info.Arguments.Count];
        for (int i = 0; i < arguments.Length; i++) arguments[i] = info.Arguments[i];
        return Diagnostic.Create(ById[info.Id], info.Location?.ToLocation() ?? Location.None, arguments);
    }
}
