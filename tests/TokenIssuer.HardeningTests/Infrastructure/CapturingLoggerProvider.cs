using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TokenIssuer.HardeningTests;

/// <summary>A logger provider that keeps every log line: message, exception text and every state value.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _logs = new();

    public IReadOnlyList<CapturedLog> Logs => _logs.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _logs);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => $"{p.Key}={p.Value}").ToArray()
                : [];
            logs.Enqueue(new CapturedLog(category, logLevel, eventId.Id, formatter(state, exception), exception?.ToString(), values));
        }
    }
}

internal sealed record CapturedLog(string Category, LogLevel Level, int EventId, string Message, string? Exception, string[] StateValues)
{
    /// <summary>Everything a log sink could write for this line.</summary>
    public string AllText => string.Join("\n", [Category, Message, Exception ?? "", .. StateValues]);
}
