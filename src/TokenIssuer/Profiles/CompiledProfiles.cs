using System.Runtime.CompilerServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TokenIssuer;

/// <summary>
/// Compiles each options instance once and remembers the result, so start-up validation and the issuer
/// share one compilation (and one set of loaded keys) instead of doing the work twice.
/// </summary>
internal sealed class CompiledProfiles
{
    private readonly ConditionalWeakTable<JwtIssuerOptions, CachedResult> _results = new();
    private readonly ILogger _logger;
    private readonly IHostEnvironment? _environment;
    private readonly ManagedKeys? _managedKeys;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly object _compileLock = new();

    private readonly TimeProvider _time;

    public CompiledProfiles(ILogger<JwtIssuer>? logger = null, IHostEnvironment? environment = null, ManagedKeys? managedKeys = null, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _environment = environment;
        _managedKeys = managedKeys;
    }

    /// <summary>A compilation and the managed-key snapshots it was built from: stale once the key manager has moved on.</summary>
    private sealed record CachedResult(CompileResult Result, object Snapshots);

    private object CurrentSnapshots => _managedKeys?.Snapshots ?? ManagedKeys.NoSnapshots;

    /// <summary>
    /// The plans of the latest configuration that compiled. Once there is one, an invalid reload is
    /// logged and ignored rather than fatal, even before the issuer has been created.
    /// </summary>
    public PlanSet? LastGood { get; private set; }

    public CompileResult GetOrCompile(JwtIssuerOptions options)
    {
        lock (_compileLock)
        {
            // Read before compiling: a change during the compilation makes the entry stale, never wrongly fresh.
            var snapshots = CurrentSnapshots;
            if (_results.TryGetValue(options, out var cached) && ReferenceEquals(cached.Snapshots, snapshots)) return cached.Result;
            var result = Compile(options);
            _results.AddOrUpdate(options, new CachedResult(result, snapshots));
            return result;
        }
    }

    /// <summary>
    /// Compiles afresh (a watched key file changed while the options stayed the same). Never throws: this
    /// runs inside options validation and configuration's change callbacks, where an exception would
    /// vanish or end the process. A failure is logged with its exception and becomes a problem, so start-up
    /// stops with it and a reload is rejected (the last good profiles stay).
    /// </summary>
    public CompileResult Compile(JwtIssuerOptions options)
    {
        try
        {
            return CompileOrThrow(options);
        }
        catch (Exception e)
        {
            IssuerLog.ReloadFailed(_logger, "compiling the configuration", e);
            return new CompileResult(null, [$"{options.ConfigurationPath}: the configuration could not be compiled: {e.GetType().Name}: {e.Message}"], []) { Threw = true };
        }
    }

    private CompileResult CompileOrThrow(JwtIssuerOptions options)
    {
        string contentRoot = _environment?.ContentRootPath ?? AppContext.BaseDirectory;
        string environmentName = _environment?.EnvironmentName ?? "Production";
        bool development = _environment?.IsDevelopment() == true;
        string directory = DevelopmentKeyStore.DirectoryFor(options.DevelopmentKeysDirectory, contentRoot, _environment?.ApplicationName ?? "app");

        var compiler = new ProfileCompiler(contentRoot, environmentName, development ? () => new DevelopmentKeyStore(directory) : null, _managedKeys) { Time = _time };
        var result = RefuseKidCollisions(compiler.Compile(options));
        foreach (string warning in compiler.Warnings)
        {
            // Compiled again at every key rotation: say it once.
            bool first;
            lock (_warned) first = _warned.Add(warning);
            if (first) KeyManagementLog.ProfileOutlivesRotation(_logger, warning);
        }
        if (result.Plans is not null) LastGood = result.Plans;
        if (result.Plans is not null) InterchangeableProfiles.Warn(_logger, result.Plans, options.ConfigurationPath);
        foreach (var created in compiler.CreatedDevelopmentKeys)
        {
            IssuerLog.DevelopmentKeyCreated(_logger, created.Profile, created.Algorithm, created.Path);
        }
        return result;
    }

    /// <summary>
    /// Two different keys configured under one <c>kid</c> (two <c>KeyId</c>s alike, a profile's <c>KeyId</c>
    /// naming another key's kid) are refused, at start-up and on reload: validators pick the key by kid.
    /// </summary>
    private static CompileResult RefuseKidCollisions(CompileResult result)
    {
        if (result.Plans is null) return result;
        var problems = ValidationKeyBuilder.KidCollisions(ValidationKeyBuilder.Build(result.Plans).Select(k => k.Key).ToList());
        if (problems.Count == 0) return result;
        result.Plans.Dispose();
        return new CompileResult(null, problems, result.WatchedFiles);
    }
}
