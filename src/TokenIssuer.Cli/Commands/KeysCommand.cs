using System.CommandLine;

namespace TokenIssuer.Cli.Commands;

/// <summary><c>tokenissuer keys</c>: key management subcommands.</summary>
internal static class KeysCommand
{
    public static Command Create() => new("keys", "Create signing keys, and print their public part.")
    {
        KeysNewCommand.Create(),
        KeysPublicCommand.Create(),
    };
}
