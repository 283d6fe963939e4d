using System.CommandLine.Parsing;

namespace TokenIssuer.Cli.Arguments;

/// <summary>
/// One <c>--claim</c>: <c>NAME=VALUE</c> sets a string claim, <c>NAME:=JSON</c> a raw JSON value (as
/// httpie reads request items). The first '=' splits; a ':' right before it makes the value JSON.
/// </summary>
internal readonly record struct ClaimArgument(string Name, string Value, bool IsJson)
{
    public const string Help =
        "Add a claim to the payload (repeatable). NAME=VALUE sets a string; NAME:=JSON sets a raw JSON value " +
        "(number, true/false, null, array or object), e.g. --claim role=admin --claim admin:=true " +
        "--claim 'scope:=[\"read\",\"write\"]' --claim exp:=1700003600. Overrides the same name in --payload.";

    /// <summary>Reads every <c>--claim</c> given; a malformed one is a usage error.</summary>
    public static ClaimArgument[] ParseAll(ArgumentResult result)
    {
        var claims = new List<ClaimArgument>(result.Tokens.Count);
        foreach (var token in result.Tokens)
        {
            if (TryParse(token.Value, out var claim, out string? error)) claims.Add(claim);
            else result.AddError(error!);
        }
        return [.. claims];
    }

    public static bool TryParse(string text, out ClaimArgument claim, out string? error)
    {
        claim = default;
        error = null;
        int equals = text.IndexOf('=');
        if (equals < 0)
        {
            error = $"--claim {SensitiveText.QuoteValue(text)} has no '=': write NAME=VALUE for a string or NAME:=JSON for a JSON value.";
            return false;
        }

        bool isJson = equals > 0 && text[equals - 1] == ':';
        string name = text[..(isJson ? equals - 1 : equals)];
        if (name.Length == 0)
        {
            error = $"--claim {SensitiveText.QuoteValue(text)} has no claim name before '='.";
            return false;
        }
        claim = new ClaimArgument(name, text[(equals + 1)..], isJson);
        return true;
    }
}
