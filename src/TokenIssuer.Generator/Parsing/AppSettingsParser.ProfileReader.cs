using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TokenIssuer.Generator.Diagnostics;
using TokenIssuer.Generator.Model;

namespace TokenIssuer.Generator.Parsing;

internal sealed partial class AppSettingsParser
{
    /// <summary>Reads one profile's options, reporting each rule it breaks where the JSON is.</summary>
    private sealed class ProfileReader
    {
        private readonly AppSettingsParser _file;
        private readonly string _name;
        private readonly JsonValue _profile;

        public ProfileReader(AppSettingsParser file, string name, JsonValue profile)
        {
            _file = file;
            _name = name;
            _profile = profile;
            Path = $"{ProfileOptionNames.SectionName}:{ProfileOptionNames.Profiles}:{name}";
        }

        /// <summary>The configuration path of the profile, the prefix of every message (as at start-up).</summary>
        public string Path { get; }

        public string? Scalar(string option) => _profile.Member(option)?.Value.ScalarText;

        public bool Flag(string option) => _profile.Member(option)?.Value.Kind == JsonKind.True;

        public string? Algorithm()
        {
            if (_profile.Member(ProfileOptionNames.Algorithm) is not { } member || member.Value.ScalarText is not { } text) return null;
            var violation = ProfileRules.Algorithm(text, out var algorithm);
            Report(DiagnosticDescriptors.UnknownAlgorithm, member.Value.Span, violation);
            return algorithm is { } parsed ? JwtAlgorithmNames.Name(parsed) : null;
        }

        /// <summary>ExpiresIn and NotBefore as the model carries them (a unit-less value gets its "s"), after the lifetime rules.</summary>
        public (string? ExpiresIn, string? NotBefore) Lifetime()
        {
            var expiresIn = Duration(ProfileOptionNames.ExpiresIn, out double? expiresSeconds, out string? expiresText);
            var notBefore = Duration(ProfileOptionNames.NotBefore, out double? notBeforeSeconds, out string? notBeforeText);
            foreach (var violation in ProfileRules.Lifetime(expiresSeconds, expiresText, notBeforeSeconds, notBeforeText, BuildClock.Now))
            {
                var member = _profile.Member(violation.Option)!;
                Report(DiagnosticDescriptors.BadLifetime, member.Value.Span, violation);
            }
            return (expiresIn, notBefore);
        }

        private string? Duration(string option, out double? seconds, out string? text)
        {
            seconds = null;
            text = null;
            if (_profile.Member(option) is not { } member) return null;
            var value = member.Value;
            if (value.Kind != JsonKind.Number && value.Kind != JsonKind.String) return null;
            // Configuration hands a number over as its text, which the runtime reads with the same rule.
            text = value.Text!;
            var violation = ProfileRules.Duration(option, text, out seconds, out bool hasUnit);
            if (violation is not null)
            {
                Report(DiagnosticDescriptors.BadDuration, value.Span, violation);
                return null;
            }
            if (seconds is null) return null;
            if (hasUnit) return text;
            // A JSON number cannot be told from a string by configuration either, but is plainly a number: no warning.
            if (value.Kind == JsonKind.String) Report(DiagnosticDescriptors.UnitlessDuration, value.Span, ProfileRules.UnitlessDuration(option, text));
            return text + "s";
        }

        /// <summary>One value where configuration expects one (a non-empty list or object is refused), and flags that read as booleans.</summary>
        public void CheckShapes()
        {
            foreach (var member in _profile.Members!)
            {
                if (!ProfileOptionNames.ProfileScalars.Any(o => o.Equals(member.Name, StringComparison.OrdinalIgnoreCase))) continue;
                var value = member.Value;
                if (value.Members is { Count: > 0 } || value.Items is { Count: > 0 })
                {
                    _file.Report(DiagnosticDescriptors.WrongValueShape, value.Span, $"{Path}:{member.Name}", ProfileSentences.ExpectedSingleValue());
                }
                else if (ProfileOptionNames.ProfileFlags.Any(o => o.Equals(member.Name, StringComparison.OrdinalIgnoreCase)) && value.ScalarText is { } text
                    && ProfileRules.Flag(member.Name, text) is { } notABoolean)
                {
                    Report(DiagnosticDescriptors.WrongValueShape, value.Span, notABoolean);
                }
            }
        }

        public void CheckHeader()
        {
            if (_profile.Member(ProfileOptionNames.Header)?.Value is not { Kind: JsonKind.Object } header) return;
            bool rfc9068 = Flag(ProfileOptionNames.Rfc9068);
            foreach (var member in header.Members!)
            {
                if (ProfileRules.HeaderMember(member.Name) is { } forbidden) Report(DiagnosticDescriptors.ForbiddenHeader, member.NameSpan, forbidden);
                else Report(DiagnosticDescriptors.AccessTokenType, member.Value.Span, ProfileRules.AccessTokenHeader(member.Name, member.Value.ScalarText, rfc9068));
            }
        }

        /// <summary>GenerateJwtId beside a constant JwtId, reported at GenerateJwtId.</summary>
        public void CheckJwtIdOptions(string? jwtId)
        {
            if (_profile.Member(ProfileOptionNames.GenerateJwtId) is not { } member) return;
            Report(DiagnosticDescriptors.GenerateJwtIdWithJwtId, member.Value.Span, ProfileRules.JwtIdOptions(Flag(ProfileOptionNames.GenerateJwtId), !string.IsNullOrEmpty(jwtId)));
        }

        /// <summary>Where <c>"Rfc9068": true</c> is written, for the RFC 9068 checks of the merged profile; null when it is not.</summary>
        public OptionSite? Rfc9068Site()
            => Flag(ProfileOptionNames.Rfc9068)
                ? new OptionSite($"{Path}:{ProfileOptionNames.Rfc9068}", _file.Location(_profile.Member(ProfileOptionNames.Rfc9068)!.Value.Span))
                : null;

        public List<string> Audience()
        {
            var audience = new List<string>();
            if (_profile.Member(ProfileOptionNames.Audience)?.Value is { } value)
            {
                if (value.ScalarText is { } single) audience.Add(single);
                else if (value.Items is { } items) audience.AddRange(items.Select(i => i.ScalarText).Where(a => a is not null)!);
            }
            return audience;
        }

        public HashSet<string> FixedClaims(IReadOnlyDictionary<string, string> claimsSetByOptions)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (_profile.Member(ProfileOptionNames.Claims)?.Value is not { Kind: JsonKind.Object } claims) return names;
            foreach (var claim in claims.Members!)
            {
                names.Add(claim.Name);
                Report(DiagnosticDescriptors.FixedClaimRefused, claim.NameSpan, ProfileRules.FixedClaim(claim.Name, claimsSetByOptions));
            }
            return names;
        }

        public List<ClaimParameter> Parameters(IReadOnlyDictionary<string, string> claimsSetByOptions, HashSet<string> fixedClaims)
        {
            var parameters = new List<ClaimParameter>();
            if (_profile.Member(ProfileOptionNames.Parameters)?.Value is not { Kind: JsonKind.Object } section) return parameters;
            var memberNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var parameter in section.Members!)
            {
                string type = parameter.Value.ScalarText ?? parameter.Value.Kind.ToString();
                var badType = ProfileRules.ParameterType(parameter.Name, type, out string csharpType, out bool nullable);
                if (badType is not null)
                {
                    Report(DiagnosticDescriptors.UnsupportedParameterType, parameter.Value.Span, badType);
                    continue;
                }
                string memberName = NameRules.ToParameterName(parameter.Name);
                var collision = ProfileRules.ParameterClaim(parameter.Name, claimsSetByOptions, fixedClaims.Contains)
                    ?? (memberNames.Add(memberName) ? null : ProfileRules.ParameterCollision(parameter.Name, $"another parameter that is also named '{memberName}' in C#"));
                if (collision is not null)
                {
                    Report(DiagnosticDescriptors.ClaimCollision, parameter.NameSpan, collision);
                    continue;
                }
                parameters.Add(new ClaimParameter(parameter.Name, memberName, csharpType, nullable, type));
            }
            return parameters;
        }

        public void CheckSigningKey(string keyName, string? algorithmName)
        {
            var member = _profile.Member(ProfileOptionNames.SigningKey)!;
            if (_file._sensitive.IsSensitive(keyName))
            {
                // A secret (or a PEM) where the key's name goes: said here, by its length, and never handed on to be quoted.
                _file.Report(DiagnosticDescriptors.UnknownSigningKey, member.Value.Span, $"{Path}:{ProfileOptionNames.SigningKey}", ProfileSentences.SigningKeyIsKeyMaterial(keyName.Length));
                return;
            }
            _file._signingKeys.Add(new SigningKeyReference(_name, keyName, $"{Path}:{ProfileOptionNames.SigningKey}", _file.Location(member.Value.Span)));
            if (!_file._keys.TryGetValue(keyName, out var facts)) return;
            bool allowInsecure = Flag(ProfileOptionNames.AllowInsecureKeySizes);
            string? problem = KeyProblem(keyName, facts, algorithmName, allowInsecure);
            if (problem is not null) _file.Report(DiagnosticDescriptors.KeyDoesNotFit, member.Value.Span, $"{Path}:{ProfileOptionNames.SigningKey}", problem);
        }

        private void Report(DiagnosticDescriptor descriptor, JsonSpan span, RuleViolation? violation)
        {
            if (violation is not null) _file.Report(descriptor, span, $"{Path}:{violation.Option}", violation.Sentence);
        }
    }
}
