using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using TokenIssuer.Generator.Diagnostics;

namespace TokenIssuer.Generator.Model;

/// <summary>
/// Merges the profiles of all appsettings files (appsettings.json first, then the environment files, later
/// values winning, as configuration merges them) with the attribute profiles of the same name.
/// </summary>
internal static class ProfileMerger
{
    public static EquatableArray<ProfileToGenerate> Merge(ImmutableArray<AppSettingsFile> files, ImmutableArray<AttributeProfile> attributes,
        EquatableArray<ProfileToGenerate> referenced = default)
    {
        var merged = new Dictionary<string, ProfileToGenerate>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files.OrderBy(f => f.Order).ThenBy(f => f.Path, StringComparer.Ordinal))
        {
            foreach (var profile in file.Profiles)
            {
                merged[profile.Name] = merged.TryGetValue(profile.Name, out var earlier) ? Overlay(earlier, profile) : profile;
            }
        }

        // This project's attribute profiles first: a referenced assembly's profile of the same name gives way.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var shapes = attributes.Select(a => a.Profile).Where(p => p is not null).Concat(referenced);
        foreach (var shape in shapes)
        {
            if (!seen.Add(shape!.Name)) continue;
            // The attribute gives the shape (the claims type); configuration gives the values it sets.
            merged[shape.Name] = merged.TryGetValue(shape.Name, out var configured)
                ? Overlay(shape, configured with
                {
                    Parameters = shape.Parameters, ClaimsTypeName = shape.ClaimsTypeName, AttributeDefaults = shape.AttributeDefaults,
                    IsPublic = shape.IsPublic, Name = shape.Name, Referenced = shape.Referenced, EmitMethod = shape.EmitMethod,
                })
                : shape;
        }

        return merged.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToEquatableArray();
    }

    public static EquatableArray<DiagnosticInfo> Diagnostics(ImmutableArray<AppSettingsFile> files, ImmutableArray<AttributeProfile> attributes,
        GeneratorSettings? settings = null)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (settings?.Unrecognized is { } accessibility)
        {
            diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.UnknownAccessibility.Id, null, new EquatableArray<string>(new[] { accessibility })));
        }
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal)) diagnostics.AddRange(file.Diagnostics);
        foreach (var attribute in attributes) diagnostics.AddRange(attribute.Diagnostics);

        diagnostics.AddRange(UnknownSigningKeys(files, attributes));
        diagnostics.AddRange(AccessTokenClaims(Merge(files, attributes)));
        diagnostics.AddRange(MethodNameCollisions.Find(ProfileSites(files, attributes)));

        foreach (var group in attributes.Where(a => a.Profile is not null).GroupBy(a => a.Profile!.Name, StringComparer.OrdinalIgnoreCase))
        {
            var declarations = group.ToList();
            if (declarations.Count < 2) continue;
            string types = string.Join(", ", declarations.Select(d => d.Profile!.ClaimsTypeName!.Replace("global::", "")));
            foreach (var declaration in declarations)
            {
                diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.DuplicateProfile.Id, declaration.NameLocation,
                    new EquatableArray<string>(new[] { group.Key, "by " + types })));
            }
        }
        return diagnostics.ToEquatableArray();
    }

    /// <summary>
    /// Where each profile is first declared, in the order configuration reads them (appsettings.json, then the
    /// environment files), then the attribute profiles no file declares. One site per profile (names ignore case).
    /// </summary>
    private static List<ProfileSite> ProfileSites(ImmutableArray<AppSettingsFile> files, ImmutableArray<AttributeProfile> attributes)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sites = new List<ProfileSite>();
        foreach (var file in files.OrderBy(f => f.Order).ThenBy(f => f.Path, StringComparer.Ordinal))
        {
            foreach (var site in file.ProfileSites) if (seen.Add(site.Name)) sites.Add(site);
        }
        foreach (var attribute in attributes)
        {
            if (attribute.Profile is { } profile && seen.Add(profile.Name)) sites.Add(new ProfileSite(profile.Name, $"[JwtProfile(\"{profile.Name}\")]", attribute.NameLocation));
        }
        return sites;
    }

    /// <summary>
    /// A <c>SigningKey</c> that no appsettings file declares under <c>JwtIssuer:Keys</c>. Only when some file
    /// declares that section: otherwise every key comes from elsewhere (user-secrets, the environment), which
    /// the build cannot see. Even then a key may, so this is a warning (TKI014), with the start-up sentence.
    /// </summary>
    private static IEnumerable<DiagnosticInfo> UnknownSigningKeys(ImmutableArray<AppSettingsFile> files, ImmutableArray<AttributeProfile> attributes)
    {
        if (!files.Any(f => f.DeclaresKeys)) yield break;
        // Sorted ignoring case, as configuration lists the children of a section (ConfigurationKeyComparer), so the sentence matches start-up.
        var known = files.SelectMany(f => f.KeyNames).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToList();
        var references = files.OrderBy(f => f.Path, StringComparer.Ordinal).SelectMany(f => f.SigningKeys)
            .Concat(attributes.Select(a => a.SigningKey).Where(r => r is not null)!);
        foreach (var reference in references)
        {
            if (ProfileRules.SigningKeyName(reference!.Key, known) is { } violation)
            {
                yield return DiagnosticInfo.Rule(DiagnosticDescriptors.UnknownSigningKey, reference.Location, reference.Where, violation.Sentence);
            }
        }
    }

    /// <summary>
    /// The RFC 9068 checks of each access-token profile, on the profile as all the files (and its attribute) together give it
    /// (the claims may be set in appsettings.json and the Development file), at its <c>"Rfc9068": true</c> or <c>Rfc9068 = true</c>. What the files
    /// leave out, only start-up can know is set elsewhere (user-secrets, the environment); the build takes the files at their word.
    /// </summary>
    private static IEnumerable<DiagnosticInfo> AccessTokenClaims(EquatableArray<ProfileToGenerate> profiles)
    {
        foreach (var profile in profiles)
        {
            if (profile.Rfc9068 is not { } site) continue;
            var facts = new AccessTokenFacts
            {
                Issuer = !string.IsNullOrEmpty(profile.Issuer),
                ExpiresIn = profile.ExpiresIn is not null,
                Audience = profile.Audience.Count > 0,
                Subject = profile.HasSubject,
                SubjectParameterType = profile.Parameters.LastOrDefault(p => p.ClaimName == "sub")?.Declared,
                ClientIdClaim = profile.FixedClaimNames.Contains("client_id"),
                ClientIdParameterType = profile.Parameters.LastOrDefault(p => p.ClaimName == "client_id")?.Declared,
                NoTimestamp = profile.NoTimestamp,
                JwtId = profile.HasJwtId,
                GenerateJwtId = profile.GenerateJwtId,
            };
            // Every violation is about the Rfc9068 option, so it is said where that option is written (a file or the attribute).
            foreach (var violation in ProfileRules.AccessToken(facts))
            {
                yield return DiagnosticInfo.Rule(DiagnosticDescriptors.AccessTokenClaims, site.Location, site.Where, violation.Sentence);
            }
        }
    }

    /// <summary>Values of <paramref name="later"/> where it sets them, else those of <paramref name="earlier"/>; parameters from both.</summary>
    private static ProfileToGenerate Overlay(ProfileToGenerate earlier, ProfileToGenerate later)
    {
        var parameters = earlier.Parameters.ToList();
        foreach (var parameter in later.Parameters)
        {
            int index = parameters.FindIndex(p => p.ClaimName == parameter.ClaimName);
            if (index >= 0) parameters[index] = parameter;
            else parameters.Add(parameter);
        }
        return earlier with
        {
            Algorithm = later.Algorithm ?? earlier.Algorithm,
            ExpiresIn = later.ExpiresIn ?? earlier.ExpiresIn,
            NotBefore = later.NotBefore ?? earlier.NotBefore,
            Audience = later.Audience.Count > 0 ? later.Audience : earlier.Audience,
            Issuer = later.Issuer ?? earlier.Issuer,
            SigningKey = later.SigningKey ?? earlier.SigningKey,
            NoTimestamp = later.NoTimestamp || earlier.NoTimestamp,
            Parameters = later.FromAttribute ? later.Parameters : parameters.ToEquatableArray(),
            ClaimsTypeName = later.ClaimsTypeName ?? earlier.ClaimsTypeName,
            AttributeDefaults = later.AttributeDefaults ?? earlier.AttributeDefaults,
            IsPublic = later.IsPublic && earlier.IsPublic,
            GenerateJwtId = later.GenerateJwtId || earlier.GenerateJwtId,
            Rfc9068 = later.Rfc9068 ?? earlier.Rfc9068,
            HasSubject = later.HasSubject || earlier.HasSubject,
            HasJwtId = later.HasJwtId || earlier.HasJwtId,
            FixedClaimNames = earlier.FixedClaimNames.Union(later.FixedClaimNames).OrderBy(c => c, StringComparer.Ordinal).ToEquatableArray(),
        };
    }
}
