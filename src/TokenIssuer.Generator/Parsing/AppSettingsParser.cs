using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TokenIssuer.Generator.Diagnostics;
using TokenIssuer.Generator.Model;

namespace TokenIssuer.Generator.Parsing;

/// <summary>
/// Reads the <c>JwtIssuer</c> section of one appsettings file into profiles and diagnostics, each located
/// at the line and column of the offending JSON. The rules and their sentences are the runtime's
/// (<see cref="ProfileRules"/>); a diagnostic's message is the start-up message for the same mistake.
/// </summary>
internal sealed partial class AppSettingsParser
{
    private readonly string _path;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<string, KeyFacts> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SigningKeyReference> _signingKeys = new();
    private bool _declaresKeys;

    private AppSettingsParser(string path) => _path = path;

    /// <summary>What the generator can tell about an inline key without loading it.</summary>
    private sealed record KeyFacts(string Kind, int SecretBytes, string? Curve);

    public static AppSettingsFile Parse(string path, string text)
    {
        var parser = new AppSettingsParser(path);
        var profiles = parser.ParseFile(text);
        int order = System.IO.Path.GetFileName(path).Equals("appsettings.json", StringComparison.OrdinalIgnoreCase) ? 0 : 1;
        return new AppSettingsFile(path, order, profiles.ToEquatableArray(), parser._diagnostics.ToEquatableArray(),
            parser._declaresKeys, parser._keys.Keys.OrderBy(k => k, StringComparer.Ordinal).ToEquatableArray(), parser._signingKeys.ToEquatableArray());
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

        ReportUnknownOptions(ProfileOptionNames.SectionName, section.Value, ProfileOptionNames.Section, ProfileOptionNames.SectionName);
        if (section.Value.Member(ProfileOptionNames.Keys)?.Value is { Kind: JsonKind.Object } keys)
        {
            _declaresKeys = true;
            foreach (var key in keys.Members!) ReadKey(key);
        }
        if (section.Value.Member(ProfileOptionNames.Profiles)?.Value is { Kind: JsonKind.Object } profilesSection)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var member in profilesSection.Members!)
            {
                if (!seen.Add(member.Name))
                {
                    Report(DiagnosticDescriptors.DuplicateProfile, member.NameSpan, member.Name, "twice in " + System.IO.Path.GetFileName(_path));
                    continue;
                }
                if (ReadProfile(member) is { } profile) profiles.Add(profile);
            }
        }
        return profiles;
    }

    private void ReadKey(JsonMember key)
    {
        if (key.Value.Kind != JsonKind.Object)
        {
            _keys[key.Name] = new KeyFacts("unknown", 0, null);
            return;
        }
        ReportUnknownOptions($"{ProfileOptionNames.SectionName}:{ProfileOptionNames.Keys}:{key.Name}", key.Value, ProfileOptionNames.Key, "a key");
        if (key.Value.Member(ProfileOptionNames.Managed)?.Value is { Kind: JsonKind.Object } managed)
        {
            // Generated at run time: its options' names are checked here, their values at start-up.
            ReportUnknownOptions($"{ProfileOptionNames.SectionName}:{ProfileOptionNames.Keys}:{key.Name}:{ProfileOptionNames.Managed}", managed, ProfileOptionNames.ManagedKey, "a managed key");
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
        else
        {
            // A PemFile, a JWK, or material that comes from user-secrets: the name is declared, the facts are not known.
            _keys[key.Name] = new KeyFacts("unknown", 0, null);
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
        var profile = new ProfileReader(this, name, member.Value);

        ReportUnknownOptions(profile.Path, member.Value, ProfileOptionNames.Profile, "a profile");
        profile.CheckShapes();
        string? algorithm = profile.Algorithm();
        var (expiresIn, notBefore) = profile.Lifetime();
        profile.CheckHeader();

        var audience = profile.Audience();
        string? issuer = profile.Scalar(ProfileOptionNames.Issuer);
        string? subject = profile.Scalar(ProfileOptionNames.Subject);
        string? jwtId = profile.Scalar(ProfileOptionNames.JwtId);
        bool generateJwtId = profile.Flag(ProfileOptionNames.GenerateJwtId);
        profile.CheckJwtIdOptions(jwtId);
        var claimsSetByOptions = ProfileRules.ClaimsSetByOptions(audience.Count > 0, issuer is not null, subject is not null, jwtId is not null, generateJwtId);
        var fixedClaims = profile.FixedClaims(claimsSetByOptions);
        var parameters = profile.Parameters(claimsSetByOptions, fixedClaims);

        string? signingKey = profile.Scalar(ProfileOptionNames.SigningKey);
        if (signingKey is not null) profile.CheckSigningKey(signingKey, algorithm);

        return new ProfileToGenerate(name, algorithm, expiresIn, notBefore, audience.ToEquatableArray(), issuer, signingKey,
            profile.Flag(ProfileOptionNames.NoTimestamp), parameters.ToEquatableArray(), ClaimsTypeName: null, AttributeDefaults: null)
        {
            GenerateJwtId = generateJwtId,
            Rfc9068 = profile.Rfc9068Location(),
            HasSubject = !string.IsNullOrEmpty(subject),
            HasJwtId = !string.IsNullOrEmpty(jwtId),
            FixedClaimNames = fixedClaims.OrderBy(c => c, StringComparer.Ordinal).ToEquatableArray(),
        };
    }

    /// <summary>
    /// What the generator can tell about an inline key that does not fit the algorithm; the secret length rule is
    /// the runtime's own (<see cref="ProfileRules.HmacSecretLength"/>), the key-type checks are the build's shortcut of the engine's.
    /// </summary>
    private static string? KeyProblem(string keyName, KeyFacts key, string? algorithmName, bool allowInsecure)
    {
        JwtAlgorithm algorithm;
        if (algorithmName is not null) JwtAlgorithmNames.TryParse(algorithmName, out algorithm);
        else if (key.Kind == "secret") algorithm = JwtAlgorithm.HS256;
        else return null; // the algorithm follows an asymmetric key
        var family = JwtAlgorithmNames.Family(algorithm);
        string? problem = key.Kind switch
        {
            "secret" when family != JwtAlgorithmFamily.Hmac => $"is an HMAC secret, but {algorithm} needs a private key",
            "secret" => ProfileRules.HmacSecretLength(algorithm, key.SecretBytes, allowInsecure)?.Sentence,
            "public" => "is a public key; signing needs the private key",
            "rsa" when family == JwtAlgorithmFamily.Hmac || family == JwtAlgorithmFamily.Ecdsa => $"is an RSA private key, which cannot sign {algorithm}",
            "ec" when family != JwtAlgorithmFamily.Ecdsa => $"is an EC private key, which cannot sign {algorithm}",
            "ec" when key.Curve is not null && key.Curve != EcCurveFor(algorithm) => $"is on curve {key.Curve}, but {algorithm} needs {EcCurveFor(algorithm)}",
            _ => null,
        };
        if (problem is null || key.Kind == "secret" && family == JwtAlgorithmFamily.Hmac) return problem;
        return $"key '{keyName}' {problem}.";
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

    private void ReportUnknownOptions(string where, JsonValue container, string[] known, string what)
    {
        foreach (var member in container.Members!)
        {
            if (ProfileRules.UnknownOption(member.Name, known, what) is { } sentence)
            {
                Report(DiagnosticDescriptors.UnknownOption, member.NameSpan, $"{where}:{member.Name}", sentence);
            }
        }
    }

    private LocationInfo Location(JsonSpan span)
        => new(_path, TextSpan.FromBounds(span.Start, span.End),
            new LinePositionSpan(new LinePosition(span.StartLine, span.StartColumn), new LinePosition(span.EndLine, span.EndColumn)));

    private void Report(DiagnosticDescriptor descriptor, JsonSpan span, params string[] arguments)
        => _diagnostics.Add(new DiagnosticInfo(descriptor.Id, Location(span), arguments.ToEquatableArray()));
}
