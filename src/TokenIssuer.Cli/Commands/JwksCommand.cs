using System.CommandLine;
using System.Text.Json;
using TokenIssuer.Cli.Arguments;

namespace TokenIssuer.Cli.Commands;

/// <summary>
/// <c>tokenissuer jwks --project DIR [--environment ENV]</c>: the JSON Web Key Set the app's <c>MapJwks()</c>
/// would serve, from the app's key ring and written by the runtime's own JWKS writer.
/// </summary>
internal static class JwksCommand
{
    public static Command Create()
    {
        var project = new ProjectOptions();
        var command = new Command("jwks",
            "Print the JSON Web Key Set an app publishes (its MapJwks() document): the public keys of its profiles and configured keys. " +
            "In Development, development keys are created if missing, as the app does at start.");
        project.AddTo(command);
        CommandAction.Set(command, parseResult =>
        {
            using var app = project.Load(parseResult);
            byte[] document = JwksDocument.Write(app.KeyRing().ValidationKeys);
            using var json = JsonDocument.Parse(document);
            using var stdout = Console.OpenStandardOutput();
            using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
            {
                json.WriteTo(writer);
            }
            stdout.WriteByte((byte)'\n');
            return ExitCodes.Success;
        });
        return command;
    }
}
