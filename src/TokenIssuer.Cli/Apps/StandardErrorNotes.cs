using Microsoft.Extensions.Logging;

namespace TokenIssuer.Cli.Apps;

/// <summary>
/// What the runtime reports while it loads the app's profiles that the user of the tool needs to know (a
/// development key created, and errors), as <c>note:</c> lines on stderr; stdout carries only the command's
/// output. The warnings the app itself logs at every start (a profile on a development key, one with no
/// ExpiresIn) are left to the app.
/// </summary>
internal sealed class StandardErrorNotes : ILoggerProvider, ILogger
{
    // IssuerLog.DevelopmentKeyCreated.
    private const int DevelopmentKeyCreated = 4;

    public ILogger CreateLogger(string categoryName) => this;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == DevelopmentKeyCreated || logLevel >= LogLevel.Error) Console.Error.WriteLine("note: " + formatter(state, exception));
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public void Dispose()
    {
    }
}
