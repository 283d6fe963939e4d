using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TokenIssuer.TestSupport;

/// <summary>A logger provider that keeps every log line: message, exception text and every state value.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _records = new();

    /// <summary>The lines logged so far, in order (a snapshot).</summary>
    public IReadOnlyList<CapturedLog> Records => _records.ToArray();

    /// <summary>
    /// The lines TokenIssuer logged so far with the event id. Event ids are only unique within a category:
    /// the host's own Debug lines (e.g. "Hosting started", id 2) reuse TokenIssuer's small ids.
    /// </summary>
    public IReadOnlyList<CapturedLog> TokenIssuerEvents(int eventId)
        => _records.Where(r => r.EventId == eventId && r.Category.StartsWith("TokenIssuer", StringComparison.Ordinal)).ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _records);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => $"{p.Key}={p.Value}").ToArray()
                : [];
            records.Enqueue(new CapturedLog(category, logLevel, eventId.Id, formatter(state, exception), exception?.ToString(), values));
        }
    }
}
