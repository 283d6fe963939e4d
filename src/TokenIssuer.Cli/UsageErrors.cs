using System.CommandLine;
using System.CommandLine.Parsing;
using TokenIssuer.Cli.Arguments;

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
        // The parser quotes what it could not use ("Unrecognized command or argument '...'"): a key pasted
        // onto the command line is shown by its length only.
        var withheld = parseResult.Tokens.Select(token => token.Value).Where(SensitiveText.LooksLikeKeyMaterial).Distinct().OrderByDescending(value => value.Length).ToList();
        foreach (var error in parseResult.Errors)
        {
            string message = error.Message;
            foreach (string value in withheld) message = message.Replace(value, SensitiveText.Withheld(value), StringComparison.Ordinal);
            Console.Error.WriteLine("error: " + message);
        }
        if (command.Subcommands.Count > 0)
        {
            var names = command.Subcommands.Select(subcommand => subcommand.Name).ToList();
            foreach (var token in parseResult.UnmatchedTokens.Where(token => !token.StartsWith('-') && !SensitiveText.LooksLikeKeyMaterial(token)))
            {
                if (JwtOptionNames.Suggest(token, names) is { } suggestion) Console.Error.WriteLine($"Did you mean '{HelpHint.CommandLine(parseResult)} {suggestion}'?");
            }
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
    public static string For(ParseResult parseResult) => CommandLine(parseResult) + " --help";

    /// <summary>The command line of the command a parse result landed on (<c>tokenissuer keys</c>).</summary>
    public static string CommandLine(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as CommandResult)
        {
            names.Add(result.Parent is null ? "tokenissuer" : result.Command.Name);
        }
        names.Reverse();
        return string.Join(' ', names);
    }
}
