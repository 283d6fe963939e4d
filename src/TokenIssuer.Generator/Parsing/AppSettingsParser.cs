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
    private readonly List<ProfileSite> _profileSites = new();
    private bool _declaresKeys;

    /// <summary>The texts of this file's key material, and every value in its section that looks like key material.</summary>
    private readonly List<string> _material = new();

    private SensitiveText _sensitive = SensitiveText.Heuristic;

    private AppSettingsParser(string path) => _path = path;

    /// <summary>
    /// True for a file committed with the app: appsettings.json or appsettings.{Environment}.json other than
    /// appsettings.Development.json. A secret written inline there is in source control (TKI018).
    /// </summary>
    public static bool IsCommittedSettingsFile(string path)
        => !System.IO.Path.GetFileName(path).Equals("appsettings.Development.json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Build logs and CI output are public enough: no diagnostic quotes this file's key material (<see cref="SensitiveText"/>).</summary>
    private void ScrubDiagnostics()
    {
        if (_material.Count == 0) return;
        var sensitive = new SensitiveText(_material);
        for (int i = 0; i < _diagnostics.Count; i++)
        {
            var arguments = _diagnostics[i].Arguments.Select(sensitive.Scrub).ToEquatableArray();
            _diagnostics[i] = _diagnostics[i] with { Arguments = arguments };
        }
    }

    /// <summary>Records the key material of the section, so that no diagnostic quotes it; called before any diagnostic about the section.</summary>
    private void CollectMaterial(JsonValue section)
    {
        if (section.Member(ProfileOptionNames.Keys)?.Value is { Kind: JsonKind.Object } keys)
        {
            foreach (var key in keys.Members!)
            {
                if (key.Value.Kind != JsonKind.Object) continue;
                foreach (var option in key.Value.Members!)
                {
                    bool material = Array.Exists(MaterialOptions, o => o.Equals(option.Name, StringComparison.OrdinalIgnoreCase));
                    Collect(option.Value, material);
                }
            }
        }
        Collect(section, material: false);
        _sensitive = new SensitiveText(_material);
    }

    private static readonly string[] MaterialOptions = { ProfileOptionNames.Secret, ProfileOptionNames.SecretBase64, ProfileOptionNames.Pem, ProfileOptionNames.Jwk, ProfileOptionNames.Passphrase };

    /// <param name="material">True under a key option that holds material: every string is collected, not only random-looking ones.</param>
    private void Collect(JsonValue value, bool material)
    {
        if (value.ScalarText is { } text)
        {
            if (material || SensitiveText.LooksLikeKeyMaterial(text)) _material.AddRange(SensitiveText.PiecesOf(text));
            return;
        }
        if (value.Members is { } members)
        {
            foreach (var member in members)
            {
                if (SensitiveText.LooksLikeKeyMaterial(member.Name)) _material.Add(member.Name);
                Collect(member.Value, material);
            }
        }
        if (value.Items is { } items) foreach (var item in items) Collect(item, material);
    }

    /// <summary>What the generator can tell about an inline key without loading it.</summary>
    private sealed record KeyFacts(string Kind, int SecretBytes, string? Curve);

    public static AppSettingsFile Parse(string path, string text)
    {
        var parser = new AppSettingsParser(path);
        var profiles = parser.ParseFile(text);
        parser.ScrubDiagnostics();
        int order = System.IO.Path.GetFileName(path).Equals("appsettings.json", StringComparison.OrdinalIgnoreCase) ? 0 : 1;
        return new AppSettingsFile(path, order, profiles.ToEquatableArray(), parser._diagnostics.ToEquatableArray(),
            parser._declaresKeys, parser._keys.Keys.OrderBy(k => k, StringComparer.Ordinal).ToEquatableArray(), parser._signingKeys.ToEquatableArray())
        {
            ProfileSites = parser._profileSites.ToEquatableArray(),
        };
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

        CollectMaterial(section.Value);
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
                if (ReadProfile(member) is not { } profile) continue;
                profiles.Add(profile);
                _profileSites.Add(new ProfileSite(profile.Name, $"{ProfileOptionNames.SectionName}:{ProfileOptionNames.Profiles}:{profile.Name}", Location(member.NameSpan)));
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
        if (CheckInlineMaterial(key))
        {
            // A placeholder is refused as such: its length is beside the point.
            _keys[key.Name] = new KeyFacts("unknown", 0, null);
            return;
        }
        // An empty value declares the option here and leaves the value to user-secrets or the environment.
        if (key.Value.Member(ProfileOptionNames.Secret)?.Value.ScalarText is { Length: > 0 } secret)
        {
            _keys[key.Name] = new KeyFacts("secret", Encoding.UTF8.GetByteCount(secret), null);
        }
        else if (key.Value.Member(ProfileOptionNames.SecretBase64)?.Value.ScalarText is { Length: > 0 } base64)
        {
            _keys[key.Name] = new KeyFacts("secret", Base64Length(base64), null);
        }
        else if (key.Value.Member(ProfileOptionNames.Pem)?.Value.ScalarText is { Length: > 0 } pem)
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

    /// <summary>
    /// A placeholder secret (TKI019, an error: start-up refuses it), and key material written inline in a committed
    /// settings file (TKI018, a warning: it belongs in user-secrets or the environment). Neither quotes the value.
    /// True when a placeholder was reported.
    /// </summary>
    private bool CheckInlineMaterial(JsonMember key)
    {
        bool placeholderFound = false;
        string keyPath = $"{ProfileOptionNames.SectionName}:{ProfileOptionNames.Keys}:{_sensitive.Path(key.Name)}";
        foreach (var option in key.Value.Members!)
        {
            if (!Array.Exists(MaterialOptions, o => o.Equals(option.Name, StringComparison.OrdinalIgnoreCase))) continue;
            string? text = option.Value.ScalarText;
            bool inline = !string.IsNullOrEmpty(text) || option.Value.Members is { Count: > 0 };
            if (!inline) continue;
            bool isSecret = option.Name.Equals(ProfileOptionNames.Secret, StringComparison.OrdinalIgnoreCase)
                || option.Name.Equals(ProfileOptionNames.SecretBase64, StringComparison.OrdinalIgnoreCase);
            if (isSecret && text is not null && PlaceholderSecret.Reason(text) is { } reason)
            {
                Report(DiagnosticDescriptors.PlaceholderSecret, option.Value.Span, $"{keyPath}:{option.Name}", PlaceholderSecret.Sentence(reason, text.Length));
                placeholderFound = true;
            }
            else if (IsCommittedSettingsFile(_path))
            {
                Report(DiagnosticDescriptors.InlineKeyMaterial, option.Value.Span, $"{keyPath}:{option.Name}",
                    ProfileSentences.InlineKeyMaterial(System.IO.Path.GetFileName(_path)));
            }
        }
        return placeholderFound;
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
            Rfc9068 = profile.Rfc9068Site(),
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
