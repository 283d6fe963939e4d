using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TokenIssuer;

/// <summary>
/// The <see cref="IJwtIssuer"/> singleton. It signs from the current <see cref="PlanSet"/>, swaps in a
/// new one atomically when configuration or a key file changes, and keeps the last good one when a
/// change is invalid. Signing takes no lock.
/// </summary>
internal sealed class JwtIssuer : IJwtIssuer, IJwtKeyRing, IDisposable
{
    // Keys replaced by a rotation stay valid this long when none of their profiles had a lifetime.
    private static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(1);

    private readonly IOptionsMonitor<JwtIssuerOptions> _options;
    private readonly CompiledProfiles _compiled;
    private readonly TimeProvider _time;
    private readonly IssuerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly IDisposable? _optionsSubscription;
    private readonly ManagedKeys? _managedKeys;
    private readonly IDisposable? _managedSubscription;
    private readonly object _reloadLock = new();
    private readonly KeyFileWatches _fileWatches;
    private PlanSet _current;
    private KeyRingState _keys;
    private bool _disposed;

    public JwtIssuer(IOptionsMonitor<JwtIssuerOptions> options, CompiledProfiles compiled, TimeProvider time, IssuerMetrics metrics, ILogger<JwtIssuer>? logger = null,
        ManagedKeys? managedKeys = null)
    {
        _options = options;
        _compiled = compiled;
        _time = time;
        _metrics = metrics;
        _logger = logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _fileWatches = new KeyFileWatches(Reload);

        var result = CompileFirst(options.CurrentValue);
        _current = result.Plans!;
        _keys = new KeyRingState(ValidationKeyBuilder.Build(_current), []);
        _ = _fileWatches.Replace(result.WatchedFiles);
        LogLoaded(_current);
        _optionsSubscription = options.OnChange(changed => Apply(() => compiled.GetOrCompile(changed)));
        if (managedKeys is not null)
        {
            // The key manager started, or a managed key was created, activated, retired or removed: rebuild the
            // plans from its snapshots (the compilation cache knows which snapshots it was built from).
            _managedKeys = managedKeys;
            managedKeys.SetReleaseSink(ReleaseManagedKey);
            _managedSubscription = Microsoft.Extensions.Primitives.ChangeToken.OnChange(managedKeys.GetChangeToken, () => Apply(() => compiled.GetOrCompile(_options.CurrentValue)));
            if (!ReferenceEquals(_current.Managed.Snapshots, managedKeys.Snapshots)) Apply(() => compiled.GetOrCompile(_options.CurrentValue));
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

    public IReadOnlyList<JwtValidationKey> ValidationKeys
    {
        get
        {
            var state = Volatile.Read(ref _keys);
            var managed = Volatile.Read(ref _current).Managed.ValidationKeys;
            if (state.Retired.Count == 0 && managed.Count == 0) return state.CurrentKeys;
            var now = _time.GetUtcNow();
            return state.CurrentKeys.Concat(state.Retired.Where(k => k.RetiredUntil > now)).Concat(managed).ToArray();
        }
    }

    public JwtProfileDescription? DescribeProfile(string profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var current = Volatile.Read(ref _current);
        if (current.Managed.Pending.TryGetValue(profile, out var pending))
        {
            // Its managed key is not loaded yet (the host has not started): everything but the kid is known.
            return Describe(pending.Profile, pending.Algorithm, pending.ClaimOptions, keyId: null, pending.TokenType);
        }

        if (!current.Plans.TryGetValue(profile, out var plan)) return null;
        return Describe(plan.Profile, plan.Algorithm, plan.ClaimOptions, plan.KeyId, plan.TokenType);
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

    public string Issue(string profile, IReadOnlyDictionary<string, object?> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return Issue(profile, claims, static (writer, claims) =>
        {
            if (claims is Dictionary<string, object?> dictionary)
            {
                // Dictionary's struct enumerator: no boxed enumerator per token.
                foreach (var (name, value) in dictionary) writer.WriteClaim(name, value);
            }
            else
            {
                foreach (var (name, value) in claims) writer.WriteClaim(name, value);
            }
        });
    }

    public string Issue<TState>(string profile, TState state, JwtClaimsCallback<TState> writeClaims)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(writeClaims);

        var plans = Acquire();
        try
        {
            if (!plans.Plans.TryGetValue(profile, out var plan)) throw plans.Managed.NotLoaded(profile) ?? IssueErrors.UnknownProfile(profile, plans.Plans.Keys);
            string token = ProfileTokenWriter.Write(plan, _time, state, writeClaims);
            _metrics.TokenIssued(plan.Profile, plan.Algorithm);
            return token;
        }
        finally
        {
            plans.Release();
        }
    }

    /// <summary>Re-reads the key files and configuration now (what a file change triggers).</summary>
    internal void Reload() => Apply(() => _compiled.Compile(_options.CurrentValue));

    /// <summary>The plans to start with: those of the current options, or the last good ones when they became invalid.</summary>
    private CompileResult CompileFirst(JwtIssuerOptions options)
    {
        var result = _compiled.GetOrCompile(options);
        if (result.Plans is not null) return result;
        if (_compiled.LastGood is null) throw new OptionsValidationException(Options.DefaultName, typeof(JwtIssuerOptions), result.Problems);
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
        }
    }

    private PlanSet Acquire()
    {
        while (true)
        {
            var plans = Volatile.Read(ref _current);
            if (plans.TryAcquire()) return plans;
        }
    }

    /// <summary>
    /// Compiles and swaps under one lock, so a slow reload (a key file being read) cannot finish after a
    /// newer one and put older configuration back.
    /// </summary>
    private void Apply(Func<CompileResult> compile)
    {
        List<IDisposable>? replacedWatches = null;
        lock (_reloadLock)
        {
            if (_disposed) return;
            var result = compile();
            if (result.Plans is null)
            {
                IssuerLog.ReloadRejected(_logger, string.Join(" | ", result.Problems));
                return;
            }
            var previous = Interlocked.Exchange(ref _current, result.Plans);
            if (ReferenceEquals(previous, result.Plans)) return;
            Volatile.Write(ref _keys, _keys.Rotate(ValidationKeyBuilder.Build(result.Plans), _time.GetUtcNow(), DefaultRetention));
            replacedWatches = _fileWatches.Replace(result.WatchedFiles);
            LogRotations(previous, result.Plans);
            previous.Retire();
        }
        // Outside the lock: disposing a watch waits for its callback, which may be waiting for the lock.
        KeyFileWatches.DisposeAll(replacedWatches);
    }

    private void LogRotations(PlanSet previous, PlanSet next)
    {
        foreach (var plan in next.Plans.Values)
        {
            if (!previous.Plans.TryGetValue(plan.Profile, out var old) || old.KeyId != plan.KeyId)
            {
                IssuerLog.KeyRotated(_logger, plan.Profile, plan.Key.Name, plan.KeyId ?? "(none)");
            }
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
        List<IDisposable> watches;
        lock (_reloadLock)
        {
            if (_disposed) return;
            _disposed = true;
            watches = _fileWatches.Clear();
            _current.Retire();
        }
        KeyFileWatches.DisposeAll(watches);
    }
}
