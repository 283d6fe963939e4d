using System.Text.Json;
using TokenIssuer.Cli.Arguments;

namespace TokenIssuer.Cli.Commands;

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
                throw TypeError(profile, flag, claim.Name, parameter.Declared, $"{SensitiveText.QuoteShort(claim.Value)} {error}");
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
