using System.CommandLine;

namespace TokenIssuer.Cli.Commands;

/// <summary><c>tokenissuer token</c>: tokens of an app's own profiles.</summary>
internal static class TokenCommand
{
    public static Command Create() => new("token", "Tokens signed with an app's own profiles and keys.")
    {
        TokenCreateCommand.Create(),
    };
}
