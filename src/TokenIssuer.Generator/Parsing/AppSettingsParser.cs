using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using TokenIssuer.Generator.Diagnostics;
using TokenIssuer.Generator.Model;

namespace TokenIssuer.Generator.Parsing;

/// <summary>
/// Reads the <c>JwtIssuer</c> section of one appsettings file into profiles and diagnostics, each located
/// at the line and column of the offending JSON.
/// </summary>
internal sealed class AppSettingsParser
{
    private readonly string _path;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<string, KeyFacts> _keys = new(StringComparer.OrdinalIgnoreCase);

    private AppSettingsParser(string path) => _path = path;

    /// <summary>What the generator can tell about an inline key without loading it.</summary>
    private sealed record KeyFacts(string Kind, int SecretBytes, string? Curve);

    public static AppSettingsFile Parse(string path, string text)
    {
        var parser = new AppSettingsParser(path);
        var profiles = parser.ParseFile(text);
        int order = System.IO.Path.GetFileName(path).Equals("appsettings.json", StringComparison.OrdinalIgnoreCase) ? 0 : 1;
        return new AppSettingsFile(path, order, profiles.ToEquatableArray(), parser._diagnostics.ToEquatableArray());
    }

    private List<ProfileToGenerate> ParseFile(string text)
    {
        var profiles = new List<ProfileToGenerate>();
        JsonValue root;
        try
        {
            root = JsonReader.Parse(text);
        }
        catch (JsonSyntaxException e)
        {
            Report(DiagnosticDescriptors.MalformedJson, e.Span, System.IO.Path.GetFileName(_path), e.Message);
            return profiles;
        }

        if (root.Kind != JsonKind.Object || root.Member(ProfileOptionNames.SectionName) is not { } section) return profiles;
        if (section.Value.Kind != JsonKind.Object) return profiles;

        foreach (var member in section.Value.Members!)
        {
            if (Match(member.Name, ProfileOptionNames.Section) is null) ReportUnknown(ProfileOptionNames.SectionName, member, ProfileOptionNames.Section);
        }
        if (section.Value.Member(ProfileOptionNames.Keys)?.Value is { Kind: JsonKind.Object } keys)
        {
            foreach (var key in keys.Members!) ReadKey(key);
        }
        if (section.Value.Member(ProfileOptionNames.Profiles)?.Value is { Kind: JsonKind.Object } profilesSection)
        {
            var seen = new Dictionary<string, JsonMember>(StringComparer.OrdinalIgnoreCase);
            foreach (var member in profilesSection.Members!)
            {
                if (seen.ContainsKey(member.Name))
                {
                    Report(DiagnosticDescriptors.DuplicateProfile, member.NameSpan, member.Name, "twice in " + System.IO.Path.GetFileName(_path));
                    continue;
                }
                seen[member.Name] = member;
                if (ReadProfile(member) is { } profile) profiles.Add(profile);
            }
        }
        return profiles;
    }

    private void ReadKey(JsonMember key)
    {
        if (key.Value.Kind != JsonKind.Object) return;
        foreach (var option in key.Value.Members!)
        {
            if (Match(option.Name, ProfileOptionNames.Key) is null) ReportUnknown($"{ProfileOptionNames.SectionName}:Keys:{key.Name}", option, ProfileOptionNames.Key);
        }
        if (key.Value.Member(ProfileOptionNames.Secret)?.Value.ScalarText is { } secret)
        {
            _keys[key.Name] = new KeyFacts("secret", Encoding.UTF8.GetByteCount(secret), null);
        }
        else if (key.Value.Member(ProfileOptionNames.SecretBase64)?.Value.ScalarText is { } base64)
        {
            _keys[key.Name] = new KeyFacts("secret", Base64Length(base64), null);
        }
        else if (key.Value.Member(ProfileOptionNames.Pem)?.Value.ScalarText is { } pem)
        {
            var (kind, curve) = PemFacts.Read(pem);
            _keys[key.Name] = new KeyFacts(kind, 0, curve);
        }
    }

    private ProfileToGenerate? ReadProfile(JsonMember member)
    {
        string name = member.Name;
        if (!NameRules.IsValidIdentifier(name))
        {
            Report(DiagnosticDescriptors.InvalidProfileName, member.NameSpan, name);
            return null;
        }
        if (member.Value.Kind != JsonKind.Object) return null;
        var profile = member.Value;

        foreach (var option in profile.Members!)
        {
            if (Match(option.Name, ProfileOptionNames.Profile) is null) ReportUnknown($"{ProfileOptionNames.SectionName}:Profiles:{name}", option, ProfileOptionNames.Profile);
        }

        string? algorithm = null;
        if (profile.Member(ProfileOptionNames.Algorithm) is { } algorithmMember && algorithmMember.Value.ScalarText is { } algorithmText)
        {
            if (JwtAlgorithmNames.TryParse(algorithmText, out _)) algorithm = algorithmText;
            else
            {
                string hint = JwtAlgorithmNames.Suggest(algorithmText) is { } s ? $". Did you mean \"{s}\"?" : algorithmText == "none" ? ". Unsigned tokens are not supported." : "";
                Report(DiagnosticDescriptors.UnknownAlgorithm, algorithmMember.Value.Span, name, algorithmText, hint);
            }
        }

        string? expiresIn = ReadDuration(name, profile, ProfileOptionNames.ExpiresIn);
        string? notBefore = ReadDuration(name, profile, ProfileOptionNames.NotBefore);

        if (profile.Member(ProfileOptionNames.Header)?.Value is { Kind: JsonKind.Object } header)
        {
            foreach (var headerMember in header.Members!)
            {
                if (!ProfileOptionNames.IsForbiddenHeader(headerMember.Name)) continue;
                string fix = headerMember.Name == "alg" ? "set the profile's Algorithm instead" : "TokenIssuer does not implement critical header extensions";
                Report(DiagnosticDescriptors.ForbiddenHeader, headerMember.NameSpan, name, headerMember.Name, fix);
            }
        }

        var audience = new List<string>();
        if (profile.Member(ProfileOptionNames.Audience)?.Value is { } audienceValue)
        {
            if (audienceValue.ScalarText is { } single) audience.Add(single);
            else if (audienceValue.Items is { } items) audience.AddRange(items.Select(i => i.ScalarText).Where(a => a is not null)!);
        }
        string? issuer = profile.Member(ProfileOptionNames.Issuer)?.Value.ScalarText;
        string? subject = profile.Member(ProfileOptionNames.Subject)?.Value.ScalarText;
        string? jwtId = profile.Member(ProfileOptionNames.JwtId)?.Value.ScalarText;
        string? signingKey = profile.Member(ProfileOptionNames.SigningKey)?.Value.ScalarText;
        bool noTimestamp = profile.Member(ProfileOptionNames.NoTimestamp)?.Value.Kind == JsonKind.True;
        bool allowInsecure = profile.Member(ProfileOptionNames.AllowInsecureKeySizes)?.Value.Kind == JsonKind.True;

        var fixedClaims = new HashSet<string>(StringComparer.Ordinal);
        if (profile.Member(ProfileOptionNames.Claims)?.Value is { Kind: JsonKind.Object } claims)
        {
            foreach (var claim in claims.Members!) fixedClaims.Add(claim.Name);
        }

        var optionClaims = new Dictionary<string, string>(StringComparer.Ordinal);
        if (audience.Count > 0) optionClaims["aud"] = "the profile's Audience";
        if (issuer is not null) optionClaims["iss"] = "the profile's Issuer";
        if (subject is not null) optionClaims["sub"] = "the profile's Subject";
        if (jwtId is not null) optionClaims["jti"] = "the profile's JwtId";

        var parameters = new List<ClaimParameter>();
        var memberNames = new HashSet<string>(StringComparer.Ordinal);
        if (profile.Member(ProfileOptionNames.Parameters)?.Value is { Kind: JsonKind.Object } parameterSection)
        {
            foreach (var parameter in parameterSection.Members!)
            {
                string? type = parameter.Value.ScalarText;
                if (type is null || !ClaimParameterTypes.TryParse(type, out string csharpType, out bool nullable))
                {
                    string hint = type is not null && ClaimParameterTypes.Suggest(type) is { } s ? $". Did you mean \"{s}\"?" : "";
                    Report(DiagnosticDescriptors.UnsupportedParameterType, parameter.Value.Span, name, parameter.Name, type ?? parameter.Value.Kind.ToString(), hint);
                    continue;
                }
                string? collision = ProfileOptionNames.IsTimeClaim(parameter.Name) ? "a time claim every token computes"
                    : optionClaims.TryGetValue(parameter.Name, out var option) ? option
                    : fixedClaims.Contains(parameter.Name) ? "a fixed claim in Claims"
                    : null;
                string memberName = NameRules.ToParameterName(parameter.Name);
                if (collision is null && !memberNames.Add(memberName)) collision = $"another parameter that is also named '{memberName}' in C#";
                if (collision is not null)
                {
                    Report(DiagnosticDescriptors.ClaimCollision, parameter.NameSpan, name, parameter.Name, collision);
                    continue;
                }
                parameters.Add(new ClaimParameter(parameter.Name, memberName, csharpType, nullable));
            }
        }

        if (signingKey is not null && _keys.TryGetValue(signingKey, out var facts) && profile.Member(ProfileOptionNames.SigningKey) is { } keyMember)
        {
            CheckKeyFits(name, signingKey, facts, algorithm, allowInsecure, keyMember.Value.Span);
        }

        return new ProfileToGenerate(name, algorithm, expiresIn, notBefore, audience.ToEquatableArray(), issuer, signingKey, noTimestamp,
            parameters.ToEquatableArray(), ClaimsTypeName: null, AttributeDefaults: null);
    }

    private string? ReadDuration(string profile, JsonValue profileValue, string option)
    {
        if (profileValue.Member(option) is not { } member) return null;
        var value = member.Value;
        if (value.Kind == JsonKind.Number)
        {
            // Configuration hands the number's text to the runtime, which reads it with the same parser.
            if (DurationParser.TryParseProfileDuration(value.Text, out _, out _)) return value.Text + "s";
            Report(DiagnosticDescriptors.BadDuration, value.Span, profile, option, value.Text!);
            return null;
        }
        if (value.Kind != JsonKind.String) return null;
        if (!DurationParser.TryParseProfileDuration(value.Text, out _, out bool hasUnit))
        {
            Report(DiagnosticDescriptors.BadDuration, value.Span, profile, option, value.Text!);
            return null;
        }
        if (!hasUnit)
        {
            Report(DiagnosticDescriptors.UnitlessDuration, value.Span, profile, option, value.Text!);
            return value.Text + "s";
        }
        return value.Text;
    }

    private void CheckKeyFits(string profile, string keyName, KeyFacts key, string? algorithmName, bool allowInsecure, JsonSpan span)
    {
        JwtAlgorithm algorithm;
        if (algorithmName is not null) JwtAlgorithmNames.TryParse(algorithmName, out algorithm);
        else if (key.Kind == "secret") algorithm = JwtAlgorithm.HS256;
        else return; // the algorithm follows an asymmetric key
        var family = JwtAlgorithmNames.Family(algorithm);
        string? problem = key.Kind switch
        {
            "secret" when family != JwtAlgorithmFamily.Hmac => $"is an HMAC secret, but {algorithm} needs a private key",
            "secret" when !allowInsecure && key.SecretBytes < JwtAlgorithmNames.HashBits(algorithm) / 8
                => $"is a secret of {key.SecretBytes} bytes, shorter than the {JwtAlgorithmNames.HashBits(algorithm) / 8}-byte hash of {algorithm} (RFC 7518 §3.2); use a longer random secret",
            "public" => "is a public key; signing needs the private key",
            "rsa" when family == JwtAlgorithmFamily.Hmac || family == JwtAlgorithmFamily.Ecdsa => $"is an RSA private key, which cannot sign {algorithm}",
            "ec" when family != JwtAlgorithmFamily.Ecdsa => $"is an EC private key, which cannot sign {algorithm}",
            "ec" when key.Curve is not null && key.Curve != EcCurveFor(algorithm) => $"is on curve {key.Curve}, but {algorithm} needs {EcCurveFor(algorithm)}",
            _ => null,
        };
        if (problem is not null) Report(DiagnosticDescriptors.KeyDoesNotFit, span, profile, keyName, problem);
    }

    private static string EcCurveFor(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.ES256 => "P-256",
        JwtAlgorithm.ES384 => "P-384",
        _ => "P-521",
    };

    private static int Base64Length(string text)
    {
        int length = text.Trim().TrimEnd('=').Length;
        return length * 3 / 4;
    }

    private void ReportUnknown(string where, JsonMember member, string[] known)
    {
        string? suggestion = JwtOptionNames.Suggest(member.Name, known);
        string hint = suggestion is null ? $"; the options are {string.Join(", ", known)}" : $". Did you mean \"{suggestion}\"?";
        Report(DiagnosticDescriptors.UnknownOption, member.NameSpan, where, member.Name, hint);
    }

    private static string? Match(string name, string[] known) => known.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, JsonSpan span, params string[] arguments)
    {
        var location = new LocationInfo(_path, TextSpan.FromBounds(span.Start, span.End),
            new LinePositionSpan(new LinePosition(span.StartLine, span.StartColumn), new LinePosition(span.EndLine, span.EndColumn)));
        _diagnostics.Add(new DiagnosticInfo(descriptor.Id, location, arguments.ToEquatableArray()));
    }
}
