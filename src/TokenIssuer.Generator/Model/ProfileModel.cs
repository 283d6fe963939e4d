using Microsoft.CodeAnalysis.Text;

namespace TokenIssuer.Generator.Model;

/// <summary>Where a diagnostic goes, without holding a Roslyn <c>Location</c> (which would root compilations).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Microsoft.CodeAnalysis.Location ToLocation() => Microsoft.CodeAnalysis.Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Microsoft.CodeAnalysis.Location? location)
        => location is null || location.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}

/// <summary>A diagnostic to report: descriptor id plus message arguments, all equatable.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    /// <summary>A diagnostic whose message is <c>{where}: {sentence}</c>, as the descriptors of the shared rules are.</summary>
    public static DiagnosticInfo Rule(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, string where, string sentence)
        => new(descriptor.Id, location, new EquatableArray<string>(new[] { where, sentence }));
}

/// <summary>
/// A per-call claim: its JSON name, the C# parameter or property name, its canonical C# type, and the type as
/// appsettings declares it (null for an attribute's property), which messages quote as start-up does.
/// </summary>
internal sealed record ClaimParameter(string ClaimName, string MemberName, string CSharpType, bool Nullable, string? DeclaredType = null)
{
    /// <summary>The type as the profile declares it: as written in appsettings, else the C# type's short name.</summary>
    public string Declared => DeclaredType ?? CSharpType.Replace("global::System.Collections.Generic.", "").Replace("global::System.", "") + (Nullable ? "?" : "");
}

/// <summary>
/// What the emitter needs to know about one profile. <paramref name="IsPublic"/>: the claims type is public, so
/// the Issue method may be; <paramref name="Referenced"/>: declared in a referenced assembly (registered here, no
/// marker); <paramref name="EmitMethod"/>: false when that assembly's own Issue method is callable from here.
/// </summary>
internal sealed record ProfileToGenerate(
    string Name,
    string? Algorithm,
    string? ExpiresIn,
    string? NotBefore,
    EquatableArray<string> Audience,
    string? Issuer,
    string? SigningKey,
    bool NoTimestamp,
    EquatableArray<ClaimParameter> Parameters,
    string? ClaimsTypeName,
    ProfileDefaults? AttributeDefaults,
    bool IsPublic = true,
    bool Referenced = false,
    bool EmitMethod = true)
{
    /// <summary>A <c>[JwtProfile]</c> profile (of this project or, when <see cref="Referenced"/>, of a referenced assembly).</summary>
    public bool FromAttribute => AttributeDefaults is not null;

    /// <summary>GenerateJwtId: every token carries a fresh jti.</summary>
    public bool GenerateJwtId { get; init; }

    /// <summary>
    /// Where the profile says <c>"Rfc9068": true</c> (the last file that does, else its attribute); null when it issues
    /// no RFC 9068 access tokens.
    /// </summary>
    public OptionSite? Rfc9068 { get; init; }

    /// <summary>The profile sets Subject.</summary>
    public bool HasSubject { get; init; }

    /// <summary>The profile sets a constant JwtId.</summary>
    public bool HasJwtId { get; init; }

    /// <summary>The names of its fixed <c>Claims</c>.</summary>
    public EquatableArray<string> FixedClaimNames { get; init; } = EquatableArray<string>.Empty;
}

/// <summary>
/// The options a <c>[JwtProfile]</c> attribute sets, kept apart from configuration values so that only
/// these become run-time defaults (a value from appsettings.Development.json must never become one).
/// </summary>
internal sealed record ProfileDefaults(string? Algorithm, string? ExpiresIn, string? NotBefore, string? Audience, string? Issuer, string? SigningKey, bool NoTimestamp)
{
    public string? Subject { get; init; }

    public string? JwtId { get; init; }

    public bool GenerateJwtId { get; init; }

    public bool Rfc9068 { get; init; }

    public bool AllowUndeclaredClaims { get; init; }
}

/// <summary>
/// Where an option is written, as messages name it (<paramref name="Where"/>: <c>JwtIssuer:Profiles:Access:Rfc9068</c>
/// or <c>[JwtProfile("Access")] Rfc9068</c>) and as a location (null for a referenced assembly's attribute).
/// </summary>
internal sealed record OptionSite(string Where, LocationInfo? Location);

/// <summary>A profile's <c>SigningKey</c> and where it is written (<paramref name="Where"/> as messages name it): checked against the keys of all the files together.</summary>
internal sealed record SigningKeyReference(string Profile, string Key, string Where, LocationInfo? Location);

/// <summary>
/// One appsettings file, parsed: its profiles, its mistakes, the names under its <c>JwtIssuer:Keys</c>
/// (<paramref name="DeclaresKeys"/> when it has that section at all) and the keys its profiles name.
/// </summary>
internal sealed record AppSettingsFile(string Path, int Order, EquatableArray<ProfileToGenerate> Profiles, EquatableArray<DiagnosticInfo> Diagnostics,
    bool DeclaresKeys, EquatableArray<string> KeyNames, EquatableArray<SigningKeyReference> SigningKeys)
{
    /// <summary>Where each of <see cref="Profiles"/> is declared (its name in the file), for diagnostics about the profile as a whole.</summary>
    public EquatableArray<ProfileSite> ProfileSites { get; init; } = EquatableArray<ProfileSite>.Empty;
}

/// <summary>Where a profile is declared: <paramref name="Where"/> as messages name it (<c>JwtIssuer:Profiles:Access</c>, <c>[JwtProfile("Access")]</c>).</summary>
internal sealed record ProfileSite(string Name, string Where, LocationInfo? Location);

/// <summary>One [JwtProfile] type, parsed; <paramref name="SigningKey"/> is its SigningKey argument, if any.</summary>
internal sealed record AttributeProfile(ProfileToGenerate? Profile, LocationInfo? NameLocation, EquatableArray<DiagnosticInfo> Diagnostics,
    SigningKeyReference? SigningKey = null);
