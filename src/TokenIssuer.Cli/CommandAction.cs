using System.CommandLine;
using System.Security.Cryptography;

namespace TokenIssuer.Cli;

/// <summary>
/// Runs a command's body and turns its errors into a message on stderr and an exit code. No stack
/// trace is ever printed: every message says what is wrong on its own.
/// </summary>
internal static class CommandAction
{
    public static void Set(Command command, Func<ParseResult, int> body)
        => command.SetAction(parseResult => Run(parseResult, body));

    private static int Run(ParseResult parseResult, Func<ParseResult, int> body)
    {
        try
        {
            return body(parseResult);
        }
        catch (CliUsageException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            Console.Error.WriteLine($"Run '{HelpHint.For(parseResult)}' for usage.");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is JwtSigningException or CliInputException
                                   or IOException or UnauthorizedAccessException or CryptographicException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            // A defect, not bad input: still a one-line message, never a stack trace.
            Console.Error.WriteLine($"error: internal error ({e.GetType().Name}): {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
