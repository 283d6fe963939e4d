using System.CommandLine;
using System.CommandLine.Parsing;

namespace TokenIssuer.Cli;

/// <summary>
/// Reports a command line that does not parse: each error on stderr, a "did you mean" for a
/// mistyped flag, and where to find the help (which itself goes to stdout only when asked for).
/// </summary>
internal static class UsageErrors
{
    public static void Write(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        foreach (var error in parseResult.Errors)
        {
            Console.Error.WriteLine("error: " + error.Message);
        }
        foreach (var token in parseResult.UnmatchedTokens.Where(token => token.StartsWith('-')))
        {
            var names = command.Options.Select(option => option.Name).ToList();
            if (JwtOptionNames.Suggest(token, names) is { } suggestion) Console.Error.WriteLine($"Did you mean {suggestion}?");
        }
        Console.Error.WriteLine($"Run '{HelpHint.For(parseResult)}' for usage.");
    }
}

/// <summary>The help command line for the command a parse result landed on (<c>tokenissuer sign --help</c>).</summary>
internal static class HelpHint
{
    public static string For(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as CommandResult)
        {
            names.Add(result.Parent is null ? "tokenissuer" : result.Command.Name);
        }
        names.Reverse();
        return string.Join(' ', names) + " --help";
    }
}
