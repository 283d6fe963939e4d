using Microsoft.Extensions.Logging;

namespace TokenIssuer.TestSupport;

/// <summary>One log line as a sink receives it; <see cref="StateValues"/> are the structured values as <c>name=value</c>.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, int EventId, string Message, string? Exception, string[] StateValues)
{
    /// <summary>Everything a log sink could write for this line.</summary>
    public string AllText => string.Join("\n", [Category, Message, Exception ?? "", .. StateValues]);
}
