using System.CommandLine;
using System.Text.Json;
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
                    $"--profile {QuotedValue.OfShort(profileName)}: the app has no such profile. Its profiles: {(names.Count == 0 ? "(none)" : string.Join(", ", names))}." +
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

/// <summary>The per-call claims of <c>token create</c>, and the option each came from (for messages).</summary>
internal sealed record TokenClaims(Dictionary<string, object?> Claims, Dictionary<string, string> Flags)
{
    public static TokenClaims Build(string profile, JwtProfileOptions options, string[] claimArguments, string[] roles, string[] scopes)
    {
        var declared = new Dictionary<string, (string Type, bool Nullable, string Declared)>(StringComparer.Ordinal);
        foreach (var (name, type) in options.Parameters)
        {
            if (ClaimParameterTypes.TryParse(type, out string csharp, out bool nullable)) declared[name] = (csharp, nullable, type.Trim());
        }

        var result = new TokenClaims(new Dictionary<string, object?>(StringComparer.Ordinal), new Dictionary<string, string>(StringComparer.Ordinal));
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string text in claimArguments)
        {
            ClaimArgument.TryParse(text, out var claim, out _);
            string flag = $"--claim {claim.Name}";
            bool isDeclared = declared.TryGetValue(claim.Name, out var parameter);
            if (isDeclared && ClaimValues.IsStringList(parameter.Type) && !claim.IsJson)
            {
                if (!lists.TryGetValue(claim.Name, out var items)) lists[claim.Name] = items = [];
                items.Add(claim.Value);
                result.Add(claim.Name, flag, items.ToArray(), replace: true);
                continue;
            }

            object? value;
            if (claim.IsJson)
            {
                JsonElement json = ParseJson(claim, flag);
                if (!isDeclared) value = json;
                else if (!ClaimValues.TryConvertJson(json, parameter.Type, parameter.Nullable, out value, out string? error)) throw TypeError(profile, flag, claim.Name, parameter.Declared, error!);
            }
            else if (!isDeclared) value = claim.Value;
            else if (!ClaimValues.TryConvert(claim.Value, parameter.Type, out value, out string? error))
            {
                throw TypeError(profile, flag, claim.Name, parameter.Declared, $"{QuotedValue.OfShort(claim.Value)} {error}");
            }
            result.Add(claim.Name, flag, value, replace: false);
        }

        if (roles.Length > 0)
        {
            bool list = roles.Length > 1 || (declared.TryGetValue("role", out var role) && ClaimValues.IsStringList(role.Type));
            if (roles.Length > 1 && declared.TryGetValue("role", out var single) && single.Type == "string")
            {
                throw new CliUsageException($"--role is given {roles.Length} times, but profile {profile} declares role as {single.Declared} (one value): give --role once, or declare role as string[].");
            }
            result.Add("role", "--role", list ? roles : roles[0], replace: false);
        }
        if (scopes.Length > 0)
        {
            bool list = declared.TryGetValue("scope", out var scope) && ClaimValues.IsStringList(scope.Type);
            result.Add("scope", "--scope", list ? scopes : string.Join(' ', scopes), replace: false);
        }
        return result;
    }

    private void Add(string name, string flag, object? value, bool replace)
    {
        if (!replace && Flags.TryGetValue(name, out string? earlier))
        {
            throw new CliUsageException(earlier == flag
                ? $"{flag} is given twice; give each claim once."
                : $"{flag}: the claim \"{name}\" is already given by {earlier}; give it once.");
        }
        Claims[name] = value;
        Flags[name] = flag;
    }

    private static JsonElement ParseJson(ClaimArgument claim, string flag)
    {
        try
        {
            using var document = JsonDocument.Parse(claim.Value);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"{flag}: the value after ':=' is not JSON ({e.Message}). For a string, write {claim.Name}=VALUE.");
        }
    }

    private static CliUsageException TypeError(string profile, string flag, string claim, string declared, string error)
        => new($"{flag}: {error}; profile {profile} declares {claim} as {declared} (JwtIssuer:Profiles:{profile}:Parameters:{claim}).");
}
