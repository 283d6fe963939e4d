namespace TokenIssuer;

/// <summary>The outcome of compiling the options: a plan set, or every problem found.</summary>
internal sealed record CompileResult(PlanSet? Plans, IReadOnlyList<string> Problems, IReadOnlyList<string> WatchedFiles);

/// <summary>A development key created during compilation, for the log.</summary>
internal sealed record CreatedDevelopmentKey(string Profile, JwtAlgorithm Algorithm, string Path);

/// <summary>
/// Turns <see cref="JwtIssuerOptions"/> into signing plans, checking every profile completely. The same
/// code validates at start-up and builds the plans, so what was validated is what signs.
/// </summary>
internal sealed class ProfileCompiler
{
    private readonly string _contentRoot;
    private readonly string _environment;
    private readonly Func<DevelopmentKeyStore>? _developmentKeys;

    /// <param name="contentRoot">The folder relative PemFile paths start from.</param>
    /// <param name="environment">The host environment's name, for messages.</param>
    /// <param name="developmentKeys">The store for generated keys; null outside Development.</param>
    public ProfileCompiler(string contentRoot, string environment, Func<DevelopmentKeyStore>? developmentKeys)
    {
        _contentRoot = contentRoot;
        _environment = environment;
        _developmentKeys = developmentKeys;
    }

    public List<CreatedDevelopmentKey> CreatedDevelopmentKeys { get; } = new();

    private ProfileProblems _text = new(JwtIssuerOptions.SectionName);

    public CompileResult Compile(JwtIssuerOptions options)
    {
        _text = new ProfileProblems(options.ConfigurationPath);
        var problems = new List<string>(options.ConfigurationProblems);
        var watched = new List<string>();
        var keys = new Dictionary<string, LoadedKey>(StringComparer.OrdinalIgnoreCase);
        var brokenKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, keyOptions) in options.Keys)
        {
            var loaded = KeyLoader.Load(name, keyOptions, _contentRoot, _text, problems, watched);
            if (loaded is null) brokenKeys.Add(name);
            else keys[name] = loaded;
        }

        var allKeys = new List<LoadedKey>(keys.Values);
        var plans = new Dictionary<string, SigningPlan>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, profile) in options.Profiles)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add(_text.EmptyProfileName());
                continue;
            }
            var plan = CompileProfile(name, profile, keys, brokenKeys, allKeys, problems);
            if (plan is not null) plans[name] = plan;
        }

        if (problems.Count > 0)
        {
            foreach (var key in allKeys) key.Key.Dispose();
            return new CompileResult(null, problems, watched);
        }
        return new CompileResult(new PlanSet(plans, allKeys), problems, watched);
    }

    private SigningPlan? CompileProfile(string name, JwtProfileOptions profile, Dictionary<string, LoadedKey> keys,
        HashSet<string> brokenKeys, List<LoadedKey> allKeys, List<string> problems)
    {
        int before = problems.Count;

        JwtAlgorithm? algorithm = null;
        if (!string.IsNullOrWhiteSpace(profile.Algorithm))
        {
            if (profile.Algorithm == "none") problems.Add(_text.NoneAlgorithm(name));
            else if (JwtAlgorithmNames.TryParse(profile.Algorithm.Trim(), out var parsed)) algorithm = parsed;
            else problems.Add(_text.UnknownAlgorithm(name, profile.Algorithm));
        }

        var expiresIn = ReadDuration(name, nameof(profile.ExpiresIn), profile.ExpiresIn, problems);
        var notBefore = ReadDuration(name, nameof(profile.NotBefore), profile.NotBefore, problems);
        if (expiresIn is { } tooLong && tooLong.TotalSeconds >= TimeSpan.MaxValue.TotalSeconds)
        {
            problems.Add(_text.DurationTooLarge(name, nameof(profile.ExpiresIn), profile.ExpiresIn!));
            expiresIn = null;
        }
        if (notBefore is { } tooLate && Math.Abs(tooLate.TotalSeconds) >= TimeSpan.MaxValue.TotalSeconds)
        {
            problems.Add(_text.DurationTooLarge(name, nameof(profile.NotBefore), profile.NotBefore!));
            notBefore = null;
        }
        CheckEncodable(name, profile, problems);
        if (expiresIn is { } lifetime && lifetime.TotalSeconds <= 0) problems.Add(_text.NonPositiveLifetime(name, profile.ExpiresIn!));
        else if (expiresIn is { } e && notBefore is { } n && n.TotalSeconds >= e.TotalSeconds) problems.Add(_text.NeverValid(name));

        var header = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (headerName, value) in profile.Header)
        {
            if (ProfileOptionNames.IsForbiddenHeader(headerName)) problems.Add(_text.ForbiddenHeader(name, headerName));
            else header[headerName] = value;
        }

        var claimOptions = new JwtSignOptions
        {
            ExpiresIn = expiresIn,
            NotBefore = notBefore,
            Audience = profile.Audience.Count switch { 0 => null, 1 => JwtAudience.FromString(profile.Audience[0]), _ => JwtAudience.FromList(profile.Audience) },
            Issuer = NullIfEmpty(profile.Issuer),
            Subject = NullIfEmpty(profile.Subject),
            JwtId = NullIfEmpty(profile.JwtId),
            NoTimestamp = profile.NoTimestamp,
        };
        var optionClaims = new Dictionary<string, string>(StringComparer.Ordinal);
        if (claimOptions.Audience is not null) optionClaims["aud"] = "Audience";
        if (claimOptions.Issuer is not null) optionClaims["iss"] = "Issuer";
        if (claimOptions.Subject is not null) optionClaims["sub"] = "Subject";
        if (claimOptions.JwtId is not null) optionClaims["jti"] = "JwtId";

        var fixedClaims = new List<KeyValuePair<string, object?>>();
        foreach (var (claim, value) in profile.Claims)
        {
            if (ProfileOptionNames.IsTimeClaim(claim)) problems.Add(_text.TimeClaimInClaims(name, claim));
            else if (optionClaims.TryGetValue(claim, out var option)) problems.Add(_text.ReservedFixedClaim(name, claim, option));
            else fixedClaims.Add(new(claim, value));
        }

        foreach (var (parameter, type) in profile.Parameters)
        {
            if (!ClaimParameterTypes.TryParse(type, out _, out _)) problems.Add(_text.UnsupportedParameterType(name, parameter, type));
            if (ProfileOptionNames.IsTimeClaim(parameter)) problems.Add(_text.ParameterCollides(name, parameter, "a time claim the profile computes"));
            else if (optionClaims.TryGetValue(parameter, out var option)) problems.Add(_text.ParameterCollides(name, parameter, $"the profile's {option}"));
            else if (profile.Claims.ContainsKey(parameter)) problems.Add(_text.ParameterCollides(name, parameter, "a fixed claim in Claims"));
        }

        // A profile that is already wrong gets no development key: nothing is written for a start-up that fails.
        var key = ResolveKey(name, profile, algorithm, keys, brokenKeys, allKeys, problems, mayCreateDevelopmentKey: problems.Count == before);
        if (key is not null)
        {
            algorithm ??= key.Key.DefaultAlgorithm;
            if (algorithm is null)
            {
                problems.Add(_text.KeyDoesNotFit(name, $"no algorithm follows from {key.Key}; set Algorithm."));
            }
            else
            {
                CheckKeyFits(name, profile, algorithm.Value, key.Key, problems);
            }
        }

        if (problems.Count > before || key is null || algorithm is null) return null;

        string? keyId = NullIfEmpty(profile.KeyId) ?? key.KeyId;
        return new SigningPlan(name, algorithm.Value, key, keyId, claimOptions, header.Count == 0 ? null : header, fixedClaims.ToArray());
    }

    private LoadedKey? ResolveKey(string name, JwtProfileOptions profile, JwtAlgorithm? algorithm, Dictionary<string, LoadedKey> keys,
        HashSet<string> brokenKeys, List<LoadedKey> allKeys, List<string> problems, bool mayCreateDevelopmentKey)
    {
        if (!string.IsNullOrWhiteSpace(profile.SigningKey))
        {
            if (keys.TryGetValue(profile.SigningKey, out var key)) return key;
            problems.Add(brokenKeys.Contains(profile.SigningKey)
                ? _text.SigningKeyIsBroken(name, profile.SigningKey)
                : _text.UnknownSigningKey(name, profile.SigningKey, keys.Keys.Concat(brokenKeys).ToList()));
            return null;
        }

        if (_developmentKeys is null)
        {
            problems.Add(_text.MissingSigningKey(name, _environment));
            return null;
        }

        if (!mayCreateDevelopmentKey) return null;

        var developmentAlgorithm = algorithm ?? JwtAlgorithm.HS256;
        SigningKey developmentKey;
        string path;
        bool created;
        try
        {
            developmentKey = _developmentKeys().GetOrCreate(name, developmentAlgorithm, out path, out created);
        }
        catch (DevelopmentKeyException e)
        {
            problems.Add(_text.DevelopmentKeyUnusable(name, e.Message));
            return null;
        }
        if (created) CreatedDevelopmentKeys.Add(new CreatedDevelopmentKey(name, developmentAlgorithm, path));
        var loaded = new LoadedKey($"development:{name}", developmentKey, JwkThumbprint.Compute(developmentKey), null);
        allKeys.Add(loaded);
        return loaded;
    }

    private void CheckKeyFits(string name, JwtProfileOptions profile, JwtAlgorithm algorithm, SigningKey key, List<string> problems)
    {
        try
        {
            KeyChecks.CheckFamilyAndSize(algorithm, key, profile.AllowInsecureKeySizes);
            KeyChecks.CheckKeyType(algorithm, key, profile.AllowInvalidAsymmetricKeyTypes);
        }
        catch (JwtSigningException e)
        {
            problems.Add(_text.KeyDoesNotFit(name, e.Message));
            return;
        }

        // Stricter than jsonwebtoken: RFC 7518 §3.2 wants an HMAC key at least as long as the hash.
        int hashBytes = JwtAlgorithmNames.HashBits(algorithm) / 8;
        if (key.Kind == SigningKeyKind.Symmetric && key.KeySizeInBits / 8 < hashBytes && !profile.AllowInsecureKeySizes)
        {
            problems.Add(_text.ShortHmacSecret(name, algorithm, key.KeySizeInBits / 8));
        }
    }

    /// <summary>Every text that goes into a token must be encodable; a lone surrogate would fail each Issue call instead of start-up.</summary>
    private void CheckEncodable(string name, JwtProfileOptions profile, List<string> problems)
    {
        void Check(string option, IEnumerable<string?> texts)
        {
            if (texts.Any(t => t is not null && !ClaimValueWriter.IsWellFormed(t))) problems.Add(_text.UnencodableText(name, option));
        }
        Check(nameof(profile.Issuer), [profile.Issuer]);
        Check(nameof(profile.Subject), [profile.Subject]);
        Check(nameof(profile.JwtId), [profile.JwtId]);
        Check(nameof(profile.KeyId), [profile.KeyId]);
        Check(nameof(profile.Audience), profile.Audience);
        Check(nameof(profile.Header), profile.Header.Keys.Concat(profile.Header.Values));
        Check(nameof(profile.Claims), profile.Claims.Keys.Concat(profile.Claims.Values));
    }

    private JwtDuration? ReadDuration(string profile, string option, string? value, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (JwtDuration.TryParseProfileValue(value, out var duration)) return duration;
        problems.Add(_text.BadDuration(profile, option, value));
        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
