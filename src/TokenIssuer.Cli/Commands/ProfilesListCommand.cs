using System.CommandLine;
using TokenIssuer.Cli.Apps;
using TokenIssuer.Cli.Arguments;

namespace TokenIssuer.Cli.Commands;

/// <summary>
/// <c>tokenissuer profiles list --project DIR [--environment ENV]</c>: each profile of the app with its
/// algorithm, lifetime, audience, issuer, and key with its state, then the app's start-up check of them.
/// Nothing is created: a development key not there yet is reported as such (the app creates it at start).
/// </summary>
internal static class ProfilesListCommand
{
    public static Command Create()
    {
        var project = new ProjectOptions();
        var command = new Command("list",
            "List an app's profiles (algorithm, lifetime, audience, issuer, signing key and its state) as its configuration " +
            "defines them, and check them as the app does at start-up (exit code 1, with the app's messages, when it would not start). Creates no key.");
        project.AddTo(command);

        CommandAction.Set(command, parseResult =>
        {
            using var app = project.Load(parseResult);
            var options = app.ConfiguredOptions();
            string developmentKeys = DevelopmentKeyStore.DirectoryFor(options.DevelopmentKeysDirectory, app.Project.ContentRoot, app.Project.ApplicationName);
            Console.Out.WriteLine($"{app.Project.ApplicationName} ({app.Environment}), content root {app.Project.ContentRoot}");
            if (options.Profiles.Count == 0) Console.Out.WriteLine("No profiles under JwtIssuer:Profiles.");

            // The start-up check, with any development key it needs made in a throwaway folder: listing writes nothing into the app's store.
            string? problems = null;
            IJwtKeyRing? ring = null;
            using var scratch = new ScratchFolder();
            using var check = project.Load(parseResult, checkedOptions => checkedOptions.DevelopmentKeysDirectory = scratch.Path, notes: false);
            try
            {
                ring = check.KeyRing();
            }
            catch (CliInputException e)
            {
                problems = e.Message;
            }

            foreach (var (name, profile) in options.Profiles.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var described = ring?.DescribeProfile(name);
                ProfileRules.Algorithm(profile.Algorithm, out var configuredAlgorithm);
                var algorithm = described?.Algorithm ?? configuredAlgorithm;
                Console.Out.WriteLine();
                Console.Out.WriteLine(name);
                Row("algorithm", algorithm is { } a ? JwtAlgorithmNames.Name(a) : string.IsNullOrWhiteSpace(profile.Algorithm) ? "(follows the signing key)" : profile.Algorithm!);
                Row("lifetime", !string.IsNullOrWhiteSpace(profile.ExpiresIn) ? profile.ExpiresIn! : "(no exp: tokens do not expire)");
                Row("audience", profile.Audience.Count == 0 ? "(none)" : string.Join(", ", profile.Audience));
                Row("issuer", string.IsNullOrWhiteSpace(profile.Issuer) ? "(none)" : profile.Issuer!);
                Row("key", KeyState.Describe(name, profile, algorithm, options, app, developmentKeys));
                if (described?.KeyId is { } kid && !string.IsNullOrWhiteSpace(profile.SigningKey)) Row("kid", kid);
            }

            if (problems is null) return ExitCodes.Success;
            Console.Error.WriteLine("error: " + problems);
            return ExitCodes.Failure;
        });
        return command;
    }

    private static void Row(string label, string value) => Console.Out.WriteLine($"  {label,-10} {value}");
}
