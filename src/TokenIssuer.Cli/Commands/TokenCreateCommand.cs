using System.CommandLine;
using TokenIssuer.Cli.Arguments;

namespace TokenIssuer.Cli.Commands;

/// <summary>
/// <c>tokenissuer token create --project DIR --profile NAME [--claim name=value …] [--role R …] [--scope S …]
/// [--valid-for DURATION] [--environment ENV]</c>: a token of one of the app's profiles, signed with the app's
/// configuration and, for a profile on a development key, the very key the app uses, so the running app
/// accepts it. The token goes alone to stdout.
/// </summary>
internal static class TokenCreateCommand
{
    public static Command Create()
    {
        var project = new ProjectOptions();
        var profile = new Option<string>("--profile") { Description = "The profile whose token to sign (as in JwtIssuer:Profiles).", HelpName = "NAME", Required = true };
        var claims = new Option<string[]>("--claim")
        {
            Description = "A per-call claim (repeatable): NAME=VALUE, typed as the profile's Parameters declare it (a Guid, an int, …; " +
                          "a string[] parameter takes the option once per item), or NAME:=JSON for a raw JSON value.",
            HelpName = "NAME=VALUE",
            AllowMultipleArgumentsPerToken = false,
        };
        var roles = new Option<string[]>("--role") { Description = "Add a role to the \"role\" claim (repeatable: several make a JSON array).", HelpName = "ROLE" };
        var scopes = new Option<string[]>("--scope") { Description = "Add a scope to the \"scope\" claim (repeatable: joined with spaces, as OAuth writes it).", HelpName = "SCOPE" };
        var validFor = new Option<string>("--valid-for")
        {
            Description = $"The token's lifetime instead of the profile's ExpiresIn: {DurationArgument.Help}.",
            HelpName = "DURATION",
        };
        validFor.Validators.Add(result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (!DurationArgument.TryParse(text, out _, out string? error)) result.AddError("--valid-for: " + error);
        });
        claims.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!ClaimArgument.TryParse(token.Value, out _, out string? error)) result.AddError(error!);
            }
        });

        var command = new Command("create",
            "Sign a token of one of an app's profiles with the app's own configuration (appsettings.json, appsettings.{ENV}.json, " +
            "user-secrets, environment variables) and keys; in Development, with the development key the app uses (created if missing, " +
            "in the same place), so the running app accepts the token. Prints the token alone on stdout.")
        {
            profile, claims, roles, scopes, validFor,
        };
        project.AddTo(command);

        CommandAction.Set(command, parseResult =>
        {
            string profileName = parseResult.GetValue(profile)!;
            string? lifetime = parseResult.GetValue(validFor);
            using var app = project.Load(parseResult, lifetime is null ? null : options =>
            {
                if (options.Profiles.TryGetValue(profileName, out var chosen)) chosen.ExpiresIn = lifetime;
            });

            var configured = app.ConfiguredOptions();
            if (!configured.Profiles.TryGetValue(profileName, out var options))
            {
                var names = configured.Profiles.Keys.Order(StringComparer.Ordinal).ToList();
                string? suggestion = JwtOptionNames.Suggest(profileName, names);
                throw new CliUsageException(
                    $"--profile {SensitiveText.QuoteShort(profileName)}: the app has no such profile. Its profiles: {(names.Count == 0 ? "(none)" : string.Join(", ", names))}." +
                    (suggestion is null ? "" : $" Did you mean '--profile {suggestion}'?"));
            }
            profileName = configured.Profiles.Keys.First(name => string.Equals(name, profileName, StringComparison.OrdinalIgnoreCase));
            if (options.SigningKey is { } keyName && configured.Keys.TryGetValue(keyName.Trim(), out var key) && key.Managed is not null)
            {
                throw new CliInputException(
                    $"--profile {profileName}: the profile signs with the managed key \"{keyName.Trim()}\", which the app generates and rotates in its key store; " +
                    "this tool signs with configured and development keys only. Issue the token from the app.");
            }

            var given = TokenClaims.Build(profileName, options,
                parseResult.GetValue(claims) ?? [], parseResult.GetValue(roles) ?? [], parseResult.GetValue(scopes) ?? []);
            var issuer = app.Issuer();
            string token;
            try
            {
                token = issuer.Issue(profileName, given.Claims);
            }
            catch (JwtSigningException e) when (given.Flags.TryGetValue(e.Option, out string? flag))
            {
                // The runtime names the claim; the user wrote an option.
                throw new CliInputException($"{flag}: {e.Message}");
            }
            Console.Out.WriteLine(token);
            return ExitCodes.Success;
        });
        return command;
    }
}
