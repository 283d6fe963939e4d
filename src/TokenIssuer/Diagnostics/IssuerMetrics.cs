using System.Diagnostics.Metrics;

namespace TokenIssuer;

/// <summary>The <c>TokenIssuer</c> meter: a counter of tokens issued, tagged by profile and algorithm.</summary>
internal sealed class IssuerMetrics : IDisposable
{
    public const string MeterName = "TokenIssuer";
    public const string TokensIssuedName = "tokenissuer.tokens.issued";

    private readonly Meter _meter;
    private readonly Counter<long> _tokensIssued;

    public IssuerMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _tokensIssued = _meter.CreateCounter<long>(TokensIssuedName, unit: "{token}", description: "Tokens issued by TokenIssuer.");
    }

    public void TokenIssued(string profile, JwtAlgorithm algorithm)
    {
        if (!_tokensIssued.Enabled) return;
        _tokensIssued.Add(1, new KeyValuePair<string, object?>("profile", profile), new KeyValuePair<string, object?>("algorithm", JwtAlgorithmNames.Name(algorithm)));
    }

    public void Dispose() => _meter.Dispose();
}
