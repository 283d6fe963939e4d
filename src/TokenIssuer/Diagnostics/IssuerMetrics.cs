using System.Diagnostics.Metrics;

namespace TokenIssuer;

/// <summary>
/// The <c>TokenIssuer</c> meter: a counter of tokens issued, tagged by profile and algorithm, and a gauge of the
/// managed keys in each state, tagged by key name and state (announced, active, retired).
/// </summary>
internal sealed class IssuerMetrics : IDisposable
{
    public const string MeterName = "TokenIssuer";
    public const string TokensIssuedName = "tokenissuer.tokens.issued";
    public const string KeysName = "tokenissuer.keys";

    private static readonly ManagedKeyState[] PublishedStates = [ManagedKeyState.Announced, ManagedKeyState.Active, ManagedKeyState.Retired];

    private readonly Meter _meter;
    private readonly Counter<long> _tokensIssued;
    private readonly ManagedKeys? _managedKeys;

    public IssuerMetrics(IMeterFactory? meterFactory = null, ManagedKeys? managedKeys = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _tokensIssued = _meter.CreateCounter<long>(TokensIssuedName, unit: "{token}", description: "Tokens issued by TokenIssuer.");
        _managedKeys = managedKeys;
        _meter.CreateObservableGauge(KeysName, ObserveKeys, unit: "{key}", description: "Managed signing keys by key name and state: announced (published, not signing), active (signing), retired (published until its tokens expire).");
    }

    public void TokenIssued(string profile, JwtAlgorithm algorithm)
    {
        if (!_tokensIssued.Enabled) return;
        _tokensIssued.Add(1, new KeyValuePair<string, object?>("profile", profile), new KeyValuePair<string, object?>("algorithm", JwtAlgorithmNames.Name(algorithm)));
    }

    /// <summary>One measurement per key name and state, zeros included, so a state that empties reads 0 rather than vanishing.</summary>
    private IEnumerable<Measurement<int>> ObserveKeys()
    {
        if (_managedKeys is null) yield break;
        foreach (var snapshot in _managedKeys.Snapshots.Values)
        {
            foreach (var state in PublishedStates)
            {
                yield return new Measurement<int>(snapshot.Keys.Count(k => k.State == state),
                    new KeyValuePair<string, object?>("key", snapshot.KeyName),
                    new KeyValuePair<string, object?>("state", state.ToString().ToLowerInvariant()));
            }
        }
    }

    public void Dispose() => _meter.Dispose();
}
