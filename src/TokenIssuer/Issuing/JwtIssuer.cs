using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

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
    private readonly object _reloadLock = new();
    private readonly List<IDisposable> _fileWatches = new();
    private PlanSet _current;
    private KeyRingState _keys;
    private bool _disposed;

    public JwtIssuer(IOptionsMonitor<JwtIssuerOptions> options, CompiledProfiles compiled, TimeProvider time, IssuerMetrics metrics, ILogger<JwtIssuer>? logger = null)
    {
        _options = options;
        _compiled = compiled;
        _time = time;
        _metrics = metrics;
        _logger = logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        var result = compiled.GetOrCompile(options.CurrentValue);
        if (result.Plans is null && compiled.LastGood is not null)
        {
            // The configuration became invalid after start-up validation, before the first token: keep the good one.
            IssuerLog.ReloadRejected(_logger, string.Join(" | ", result.Problems));
            result = new CompileResult(compiled.LastGood, [], result.WatchedFiles);
        }
        _current = result.Plans ?? throw new OptionsValidationException(Options.DefaultName, typeof(JwtIssuerOptions), result.Problems);
        _keys = new KeyRingState(ValidationKeyBuilder.Build(_current), []);
        _ = WatchFiles(result.WatchedFiles);
        IssuerLog.ProfilesLoaded(_logger, _current.Plans.Count, string.Join(", ", _current.Plans.Keys), _current.Keys.Count);
        foreach (var plan in _current.Plans.Values)
        {
            if (plan.Key.Name.StartsWith("development:", StringComparison.Ordinal)) IssuerLog.DevelopmentKeyInUse(_logger, plan.Profile);
        }
        _optionsSubscription = options.OnChange(changed => Apply(() => compiled.GetOrCompile(changed)));
    }

    public IReadOnlyCollection<string> Profiles => Volatile.Read(ref _current).Plans.Keys.ToArray();

    public IReadOnlyList<JwtValidationKey> ValidationKeys
    {
        get
        {
            var state = Volatile.Read(ref _keys);
            if (state.Retired.Count == 0) return state.CurrentKeys;
            var now = _time.GetUtcNow();
            return state.CurrentKeys.Concat(state.Retired.Where(k => k.RetiredUntil > now)).ToArray();
        }
    }

    public JwtProfileDescription? DescribeProfile(string profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!Volatile.Read(ref _current).Plans.TryGetValue(profile, out var plan)) return null;
        var options = plan.ClaimOptions;
        IReadOnlyList<string> audiences = options.Audience switch
        {
            null => [],
            { Single: { } single } => [single],
            { Values: { } values } => values.Select(v => v?.ToString() ?? "").ToArray(),
            _ => [],
        };
        TimeSpan? lifetime = options.ExpiresIn?.ToTimeSpan();
        return new JwtProfileDescription(plan.Profile, plan.Algorithm, options.Issuer, audiences, plan.KeyId, lifetime) { TokenType = plan.TokenType };
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
            if (!plans.Plans.TryGetValue(profile, out var plan)) throw IssueErrors.UnknownProfile(profile, plans.Plans.Keys);
            string token = Sign(plan, state, writeClaims);
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

    private string Sign<TState>(SigningPlan plan, TState state, JwtClaimsCallback<TState> writeClaims)
    {
        var options = plan.ClaimOptions;
        double timestamp = JwtSigner.NumericDate(_time);
        double? nbf = options.NotBefore?.AddTo(timestamp);
        double? exp = options.ExpiresIn?.AddTo(timestamp);

        var scratch = TokenScratch.Rent();
        scratch.AppendEncoded(plan.EncodedHeader);
        var writer = scratch.StartJson();
        writer.WriteStartObject();
        foreach (var (name, value) in plan.FixedClaims)
        {
            writer.WritePropertyName(name);
            ClaimValueWriter.Write(writer, value, name);
        }
        scratch.ResetClaimNames();
        writeClaims(new JwtClaimWriter(writer, plan, scratch), state);
        JwtSigner.WriteTimeClaims(writer, timestamp, nbf, exp, writeIat: !options.NoTimestamp);
        if (!options.NoTimestamp) scratch.AppendJsonMembers(plan.ConstantClaimsJson); // iat precedes them, so a comma fits
        else JwtSigner.WriteConstantOptionClaims(writer, options);
        writer.WriteEndObject();
        scratch.AppendJsonSegment();
        string token = scratch.Finish(plan.Key.Key, plan.Algorithm);
        TokenScratch.Return(scratch);
        return token;
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
            replacedWatches = WatchFiles(result.WatchedFiles);
            foreach (var plan in result.Plans.Plans.Values)
            {
                if (!previous.Plans.TryGetValue(plan.Profile, out var old) || old.KeyId != plan.KeyId)
                {
                    IssuerLog.KeyRotated(_logger, plan.Profile, plan.Key.Name, plan.KeyId ?? "(none)");
                }
            }
            previous.Retire();
        }
        // Outside the lock: disposing a watch waits for its callback, which may be waiting for the lock.
        DisposeAll(replacedWatches);
    }

    /// <summary>Watches the key files of the new configuration; returns the old watches for the caller to dispose outside the lock.</summary>
    private List<IDisposable> WatchFiles(IReadOnlyList<string> files)
    {
        var replaced = new List<IDisposable>(_fileWatches);
        _fileWatches.Clear();
        foreach (var group in files.GroupBy(Path.GetDirectoryName))
        {
            if (group.Key is null || !Directory.Exists(group.Key)) continue;
            var provider = new PhysicalFileProvider(group.Key);
            _fileWatches.Add(provider);
            foreach (var file in group)
            {
                string name = Path.GetFileName(file);
                // The reload runs on the thread pool, never inside the watcher's callback.
                _fileWatches.Add(ChangeToken.OnChange(() => provider.Watch(name), () => ThreadPool.QueueUserWorkItem(static issuer => issuer.Reload(), this, preferLocal: false)));
            }
        }
        return replaced;
    }

    private static void DisposeAll(List<IDisposable>? disposables)
    {
        if (disposables is null) return;
        foreach (var disposable in disposables) disposable.Dispose();
    }

    public void Dispose()
    {
        _optionsSubscription?.Dispose();
        List<IDisposable> watches;
        lock (_reloadLock)
        {
            if (_disposed) return;
            _disposed = true;
            watches = new List<IDisposable>(_fileWatches);
            _fileWatches.Clear();
            _current.Retire();
        }
        DisposeAll(watches);
    }
}

/// <summary>The validation keys of the current configuration, and those a rotation retired but tokens may still carry.</summary>
internal sealed record KeyRingState(IReadOnlyList<JwtValidationKey> CurrentKeys, IReadOnlyList<JwtValidationKey> Retired, IReadOnlyDictionary<JwtValidationKey, TimeSpan?>? Lifetimes = null)
{
    public KeyRingState(List<(JwtValidationKey Key, TimeSpan? Lifetime)> current, IReadOnlyList<JwtValidationKey> retired)
        : this(current.Select(c => c.Key).ToArray(), retired, current.ToDictionary(c => c.Key, c => c.Lifetime))
    {
    }

    /// <summary>Keys of the old configuration that the new one lacks are kept as long as the tokens they signed live.</summary>
    public KeyRingState Rotate(List<(JwtValidationKey Key, TimeSpan? Lifetime)> next, DateTimeOffset now, TimeSpan defaultRetention)
    {
        var retired = Retired.Where(k => k.RetiredUntil > now).ToList();
        foreach (var key in CurrentKeys)
        {
            // Kept when it leaves the configuration, and also when it stays but a profile stops signing
            // with it: that profile must still accept the tokens the key signed for it.
            if (next.Any(n => Covers(n.Key, key))) continue;
            var retention = Lifetimes?.GetValueOrDefault(key) ?? defaultRetention;
            key.RetiredUntil = retention >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + retention;
            retired.Add(key);
        }
        retired.RemoveAll(r => next.Any(n => Covers(n.Key, r)));
        return new KeyRingState(next, retired);
    }

    /// <summary>The new key is the old one, signing for (at least) the same profiles.</summary>
    private static bool Covers(JwtValidationKey next, JwtValidationKey old)
        => SameKey(next, old) && old.Algorithm == next.Algorithm && old.Profiles.All(p => next.Profiles.Contains(p, StringComparer.OrdinalIgnoreCase));

    private static bool SameKey(JwtValidationKey a, JwtValidationKey b)
        => a.KeyId == b.KeyId && a.Kind == b.Kind && a.PublicJwk.Count == b.PublicJwk.Count && a.PublicJwk.All(p => b.PublicJwk.TryGetValue(p.Key, out var v) && v == p.Value)
            && (!a.IsSymmetric || a.GetSecret().SequenceEqual(b.GetSecret()));
}

/// <summary>Errors of <see cref="IJwtIssuer.Issue(string, IReadOnlyDictionary{string, object?})"/>.</summary>
internal static class IssueErrors
{
    public static JwtSigningException UnknownProfile(string profile, IEnumerable<string> known)
    {
        var names = known.ToList();
        string? suggestion = JwtOptionNames.Suggest(profile, names);
        return new JwtSigningException("profile",
            $"There is no token profile \"{profile}\". The profiles are: {(names.Count == 0 ? "(none configured)" : string.Join(", ", names))}.{(suggestion is null ? "" : $" Did you mean \"{suggestion}\"?")}");
    }

    public static JwtSigningException DuplicateClaim(string profile, string claim) => new(claim,
        $"The claim \"{claim}\" is written twice in a token of profile \"{profile}\"; claim names must be unique (RFC 7519 §4).");

    public static JwtSigningException ClaimSetByProfile(string profile, string claim) => new(claim,
        $"The claim \"{claim}\" is set by profile \"{profile}\" (its options or fixed claims) and cannot be passed per call. Remove it from the call, or from the profile.");
}
