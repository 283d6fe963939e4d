using System.CommandLine;

namespace TokenIssuer.Cli.Commands;

/// <summary><c>tokenissuer profiles</c>: an app's token profiles.</summary>
internal static class ProfilesCommand
{
    public static Command Create() => new("profiles", "An app's token profiles.")
    {
        ProfilesListCommand.Create(),
    };
}
