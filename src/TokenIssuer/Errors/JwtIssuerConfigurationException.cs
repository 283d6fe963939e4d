using Microsoft.Extensions.Options;

namespace TokenIssuer;

/// <summary>
/// The <c>JwtIssuer</c> configuration is invalid at start-up: every problem found, each on a line of its
/// own that begins with its configuration path. An <see cref="OptionsValidationException"/> (whose
/// <see cref="OptionsValidationException.Failures"/> are the problems), so that whoever handles options
/// failures handles this one.
/// </summary>
/// <remarks>
/// The framework's exception joins its failures into one line with "; ". Here the message is a list, and
/// <see cref="ToString"/> is the message without a stack trace: each problem already says where it is and
/// how to fix it, and this exception is thrown for configuration, never for a defect, so the report is not
/// buried under stack frames of the options machinery. A host that fails to start reports the exception
/// twice, both times through <see cref="ToString"/>: its log entry ("Hosting failed to start"), then the
/// runtime's "Unhandled exception." text. So the list is written by the first <see cref="ToString"/> only,
/// and later calls refer back to it; <see cref="Message"/> and <see cref="OptionsValidationException.Failures"/>
/// always hold every problem.
/// </remarks>
internal sealed class JwtIssuerConfigurationException(IReadOnlyList<string> problems)
    : OptionsValidationException(Options.DefaultName, typeof(JwtIssuerOptions), problems)
{
    private int _reported;

    public override string Message => Describe(problems);

    public override string ToString() => Interlocked.Exchange(ref _reported, 1) == 0
        ? $"{GetType().FullName}: {Message}"
        : $"{GetType().FullName}: {Heading(problems.Count).TrimEnd(':')} (listed where this exception was first reported).";

    /// <summary>The report of <paramref name="problems"/>: a heading line, then one problem per line.</summary>
    public static string Describe(IReadOnlyList<string> problems)
        => Heading(problems.Count) + string.Concat(problems.Select(problem => Environment.NewLine + "  " + OneLine(problem)));

    private static string Heading(int count)
        => count == 1 ? "The JwtIssuer configuration has a problem:" : $"The JwtIssuer configuration has {count} problems:";

    /// <summary>A problem that itself spans lines (a quoted exception message) is kept on its line.</summary>
    private static string OneLine(string problem) => problem.ReplaceLineEndings(" ");
}
