using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TokenIssuer;

/// <summary>
/// The <see cref="IJwtIssuer"/> singleton. It signs from the current <see cref="PlanSet"/>, swaps in a
/// new one atomically when configuration or a key file changes, and keeps the last good one when a
/// change is invalid or its reload fails. Signing takes no lock.
/// </summary>
internal sealed class JwtIssuer : IJwtIssuer, IJwtKeyRing, IDisposable
{
    private readonly IOptionsMonitor<JwtIssuerOptions> _options;
    private readonly CompiledProfiles _compiled;
    private readonly TimeProvider _time;
    private readonly IssuerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly IDisposable? _optionsSubscription;
    private readonly ManagedKeys? _managedKeys;
    private readonly IDisposable? _managedSubscription;
    private readonly object _reloadLock = new();
    private readonly KeyFileMonitor _keyFiles;
    private PlanSet _current;
    private KeyRingState _keys;
    private volatile bool _disposed;

    // configuration: the app's, to tell which file supplied a key's material (InlineKeyMaterial); environment: outside
    // Development, key material in a committed settings file is logged as a warning.
    public JwtIssuer(IOptionsMonitor<JwtIssuerOptions> options, CompiledProfiles compiled, TimeProvider time, IssuerMetrics metrics, ILogger<JwtIssuer>? logger = null,
        ManagedKeys? managedKeys = null, IConfiguration? configuration = null, IHostEnvironment? environment = null)
    {
        _options = options;
        _compiled = compiled;
        _time = time;
        _metrics = metrics;
        _logger = logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _keyFiles = new KeyFileMonitor(time, _logger, KeyFilesChanged);

        var first = options.CurrentValue;
        var result = CompileFirst(first);
        _current = result.Plans!;
        _keys = new KeyRingState(ValidationKeyBuilder.Build(_current), []);
        _keyFiles.Watch(result.WatchedFiles, Fingerprints(_current), first.KeyFilePollInterval);
        LogLoaded(_current);
        if (environment?.IsDevelopment() != true)
        {
            foreach (var (path, file) in InlineKeyMaterial.Find(configuration, first)) IssuerLog.InlineKeyMaterial(_logger, path, file);
        }
        _optionsSubscription = options.OnChange(changed => Apply(() => compiled.GetOrCompile(changed), "configuration changed"));
        if (managedKeys is not null)
        {
            // The key manager started, or a managed key was created, activated, retired or removed: rebuild the
            // plans from its snapshots (the compilation cache knows which snapshots it was built from).
            _managedKeys = managedKeys;
            managedKeys.SetReleaseSink(ReleaseManagedKey);
            _managedSubscription = Microsoft.Extensions.Primitives.ChangeToken.OnChange(managedKeys.GetChangeToken, () => Apply(() => compiled.GetOrCompile(_options.CurrentValue), "managed keys changed"));
            if (!ReferenceEquals(_current.Managed.Snapshots, managedKeys.Snapshots)) Apply(() => compiled.GetOrCompile(_options.CurrentValue), "managed keys loaded");
        }
    }

    public IReadOnlyCollection<string> Profiles
    {
        get
        {
            var current = Volatile.Read(ref _current);
            return current.Plans.Keys.Concat(current.Managed.Pending.Keys).ToArray();
        }
    }

    /// <summary>Each profile's signing key now, as the health check reports it: the key's name (<c>development:…</c> for a development key) and its file.</summary>
    internal IReadOnlyList<(string Profile, string KeyName, string? PemFilePath)> SigningKeys
        => Volatile.Read(ref _current).Plans.Values.Select(p => (p.Profile, p.Key.Name, p.Key.PemFilePath)).ToArray();

    public IReadOnlyList<JwtValidationKey> ValidationKeys
    {
        get
        {
            var published = Volatile.Read(ref _keys).Published(_time.GetUtcNow());
            var managed = Volatile.Read(ref _current).Managed.ValidationKeys;
            return managed.Count == 0 ? published : published.Concat(managed).ToArray();
        }
    }

    public JwtProfileDescription? DescribeProfile(string profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var current = Volatile.Read(ref _current);
        if (current.Managed.Pending.TryGetValue(profile, out var pending))
        {
            // Its managed key is not loaded yet (the host has not started): everything but the kid is known.
            return Describe(pending.Profile, pending.Algorithm, pending.ClaimOptions, keyId: null, pending.TokenType) with { RequiredClaims = pending.RequiredClaims ?? [] };
        }

        if (!current.Plans.TryGetValue(profile, out var plan)) return null;
        return Describe(plan.Profile, plan.Algorithm, plan.ClaimOptions, plan.KeyId, plan.TokenType) with { RequiredClaims = plan.ClaimRules.RequiredClaims };
    }

    private static JwtProfileDescription Describe(string profile, JwtAlgorithm algorithm, JwtSignOptions options, string? keyId, string? tokenType)
    {
        IReadOnlyList<string> audiences = options.Audience switch
        {
            null => [],
            { Single: { } single } => [single],
            { Values: { } values } => values.Select(v => v?.ToString() ?? "").ToArray(),
            _ => [],
        };
        TimeSpan? lifetime = options.ExpiresIn?.ToTimeSpan();
        return new JwtProfileDescription(profile, algorithm, options.Issuer, audiences, keyId, lifetime) { TokenType = tokenType };
    }

    // Dictionary's struct enumerator when it is one: no boxed enumerator per token.
    private static readonly JwtClaimsCallback<IReadOnlyDictionary<string, object?>> WriteDictionaryClaims = static (writer, claims) =>
    {
        writer.CheckDeclared(claims);
        if (claims is Dictionary<string, object?> dictionary)
        {
            // Dictionary's struct enumerator: no boxed enumerator per token.
            foreach (var (name, value) in dictionary) writer.WriteClaim(name, value);
        }
        else
        {
            foreach (var (name, value) in claims) writer.WriteClaim(name, value);
        }
    };

    public string Issue(string profile, IReadOnlyDictionary<string, object?> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return Issue(profile, claims, WriteDictionaryClaims);
    }

    public JwtIssuedToken IssueToken(string profile, IReadOnlyDictionary<string, object?> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return IssueToken(profile, claims, WriteDictionaryClaims);
    }

    public string Issue<TState>(string profile, TState state, JwtClaimsCallback<TState> writeClaims)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return IssueCore(profile, key: null, state, writeClaims, reportJwtId: false, out _, out _, out _);
    }

    public string Issue<TState>(JwtProfileKey profile, TState state, JwtClaimsCallback<TState> writeClaims)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return IssueCore(profile.Name, profile, state, writeClaims, reportJwtId: false, out _, out _, out _);
    }

    public JwtIssuedToken IssueToken<TState>(string profile, TState state, JwtClaimsCallback<TState> writeClaims)
    {
        ArgumentNullException.ThrowIfNull(profile);
        string token = IssueCore(profile, key: null, state, writeClaims, reportJwtId: true, out var plan, out var times, out string? jwtId);
        return new JwtIssuedToken(token, plan.Profile, plan.Algorithm, plan.KeyId, jwtId, times);
    }

    public JwtIssuedToken IssueToken<TState>(JwtProfileKey profile, TState state, JwtClaimsCallback<TState> writeClaims)
    {
        ArgumentNullException.ThrowIfNull(profile);
        string token = IssueCore(profile.Name, profile, state, writeClaims, reportJwtId: true, out var plan, out var times, out string? jwtId);
        return new JwtIssuedToken(token, plan.Profile, plan.Algorithm, plan.KeyId, jwtId, times);
    }

    /// <summary>
    /// Every Issue and IssueToken: the plan found by <paramref name="key"/> (resolved once, what the generated methods
    /// pass) or else by <paramref name="name"/>, signed while the plan set is held so rotation cannot dispose its key.
    /// The token's facts come out as parts, so that the string-returning paths do not build a <see cref="JwtIssuedToken"/>.
    /// </summary>
    private string IssueCore<TState>(string name, JwtProfileKey? key, TState state, JwtClaimsCallback<TState> writeClaims, bool reportJwtId,
        out SigningPlan plan, out TokenTimes times, out string? jwtId)
    {
        ArgumentNullException.ThrowIfNull(writeClaims);
        var plans = Acquire(out int stripe);
        try
        {
            plan = (key is not null ? plans.Find(key) : plans.Plans.GetValueOrDefault(name)) ?? throw NoPlan(plans, name);
            string token = ProfileTokenWriter.Write(plan, _time, state, writeClaims, reportJwtId, out times, out jwtId);
            _metrics.TokenIssued(plan.Profile, plan.Algorithm);
            return token;
        }
        finally
        {
            plans.Release(stripe);
        }
    }

    private static Exception NoPlan(PlanSet plans, string profile) => plans.Managed.NotLoaded(profile) ?? IssueErrors.UnknownProfile(profile, plans.Plans.Keys);

    /// <summary>Re-reads the key files and configuration now (what a key file change triggers); false when that threw.</summary>
    internal bool Reload() => Apply(() => _compiled.Compile(_options.CurrentValue), "key file changed");

    private bool KeyFilesChanged(IReadOnlyList<string> files)
    {
        foreach (string file in files) IssuerLog.KeyFileChanged(_logger, file);
        return Reload();
    }

    /// <summary>The plans to start with: those of the current options, or the last good ones when they became invalid.</summary>
    private CompileResult CompileFirst(JwtIssuerOptions options)
    {
        var result = _compiled.GetOrCompile(options);
        if (result.Plans is not null) return result;
        if (_compiled.LastGood is null) throw new JwtIssuerConfigurationException(result.Problems);
        // The configuration became invalid after start-up validation, before the first token: keep the good one.
        IssuerLog.ReloadRejected(_logger, string.Join(" | ", result.Problems));
        return new CompileResult(_compiled.LastGood, [], result.WatchedFiles);
    }

    private void LogLoaded(PlanSet plans)
    {
        IssuerLog.ProfilesLoaded(_logger, plans.Plans.Count, string.Join(", ", plans.Plans.Keys), plans.Keys.Count);
        foreach (var plan in plans.Plans.Values)
        {
            if (plan.Key.Name.StartsWith("development:", StringComparison.Ordinal)) IssuerLog.DevelopmentKeyInUse(_logger, plan.Profile);
            WarnIfNeverExpires(plan, previous: null);
        }
    }

    private void WarnIfNeverExpires(SigningPlan plan, SigningPlan? previous)
    {
        if (plan.ClaimOptions.ExpiresIn is not null || (previous is not null && previous.ClaimOptions.ExpiresIn is null)) return;
        IssuerLog.ProfileTokensNeverExpire(_logger, plan.Profile, ProfilePath(plan, nameof(JwtProfileOptions.ExpiresIn)));
    }

    private string ProfilePath(SigningPlan plan, string option) => $"{_options.CurrentValue.ConfigurationPath}:Profiles:{plan.Profile}:{option}";

    private PlanSet Acquire(out int stripe)
    {
        while (true)
        {
            // Once disposed, the last plan set is retired and TryAcquire never succeeds again.
            ObjectDisposedException.ThrowIf(_disposed, this);
            var plans = Volatile.Read(ref _current);
            if (plans.TryAcquire(out stripe)) return plans;
        }
    }

    /// <summary>
    /// Compiles and swaps under one lock, so a slow reload (a key file being read) cannot finish after a
    /// newer one and put older configuration back. Nothing escapes: a reload runs on a file watcher's
    /// thread-pool item or inside configuration's change callback, where an exception would end the
    /// process or vanish; it is logged and the last good plans stay. False when it threw, here or while compiling (a key
    /// file change is then tried again at the next poll); an invalid configuration is rejected, not retried.
    /// </summary>
    private bool Apply(Func<CompileResult> compile, string trigger)
    {
        lock (_reloadLock)
        {
            if (_disposed) return true;
            try
            {
                var result = compile();
                Swap(result);
                return !result.Threw;
            }
            catch (Exception e)
            {
                IssuerLog.ReloadFailed(_logger, trigger, e);
                return false;
            }
        }
    }

    private void Swap(CompileResult result)
    {
        if (result.Plans is null)
        {
            IssuerLog.ReloadRejected(_logger, string.Join(" | ", result.Problems));
            return;
        }
        if (ReferenceEquals(_current, result.Plans)) return;

        var now = _time.GetUtcNow();
        var next = ValidationKeyBuilder.Build(result.Plans);
        var collisions = _keys.KidCollisions(next, now);
        if (collisions.Count > 0)
        {
            IssuerLog.ReloadRejected(_logger, string.Join(" | ", collisions));
            result.Plans.Retire();
            return;
        }

        var (keys, retiring) = _keys.Rotate(next, now);
        var previousKeys = _keys;
        var previous = Interlocked.Exchange(ref _current, result.Plans);
        Volatile.Write(ref _keys, keys);
        _keyFiles.Watch(result.WatchedFiles, Fingerprints(result.Plans), _options.CurrentValue.KeyFilePollInterval);
        LogRotations(previous, result.Plans, previousKeys, next, retiring, now);
        previous.Retire();
    }

    private static Dictionary<string, string> Fingerprints(PlanSet plans)
    {
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in plans.Keys)
        {
            if (key.PemFilePath is { } path && key.PemFileFingerprint is { } fingerprint) fingerprints[path] = fingerprint;
        }
        return fingerprints;
    }

    private void LogRotations(PlanSet previous, PlanSet next, KeyRingState previousKeys, List<(JwtValidationKey Key, TimeSpan? Lifetime)> nextKeys,
        List<JwtValidationKey> retiring, DateTimeOffset now)
    {
        foreach (var plan in next.Plans.Values)
        {
            previous.Plans.TryGetValue(plan.Profile, out var old);
            WarnIfNeverExpires(plan, old);
            string keyId = plan.KeyId ?? plan.Key.KeyId;
            var signing = nextKeys.Select(n => n.Key).First(k => k.KeyId == keyId && k.Algorithm == plan.Algorithm && k.Profiles.Contains(plan.Profile, StringComparer.OrdinalIgnoreCase));
            bool sameKey = old is not null && (old.KeyId ?? old.Key.KeyId) == keyId && ReferenceEquals(old.Key.Key, plan.Key.Key);
            if (old is null || old.KeyId != plan.KeyId || !sameKey)
            {
                IssuerLog.KeyRotated(_logger, plan.Profile, plan.Key.Name, plan.KeyId ?? "(none)");
            }
            // A key validators cannot have fetched yet: its tokens fail where the JWKS is cached. (HMAC keys are never published.)
            if (!signing.IsSymmetric && !previousKeys.Holds(signing, now))
            {
                IssuerLog.KeyNotAnnounced(_logger, plan.Profile, plan.Key.Name, keyId);
            }
        }
        foreach (var key in retiring)
        {
            string until = key.RetiredUntil == DateTimeOffset.MaxValue ? "until the app restarts (a profile's tokens never expire)" : $"until {key.RetiredUntil:u}";
            IssuerLog.KeyRetired(_logger, key.KeyName ?? key.KeyId, key.KeyId, key.Algorithm, string.Join(", ", key.Profiles), until);
        }
    }

    /// <summary>
    /// A key the manager let go (it expired, or the app stops): disposed with the current plan set, so after the
    /// tokens being signed with it, or at once when the issuer is gone.
    /// </summary>
    private void ReleaseManagedKey(SigningKey key)
    {
        lock (_reloadLock)
        {
            if (!_disposed)
            {
                _current.Managed.DisposeWith(key);
                return;
            }
        }

        key.Dispose();
    }

    public void Dispose()
    {
        _optionsSubscription?.Dispose();
        _managedSubscription?.Dispose();
        _managedKeys?.SetReleaseSink(null);
        lock (_reloadLock)
        {
            if (_disposed) return;
            _disposed = true;
            _current.Retire();
        }
        _keyFiles.Dispose();
    }
}
