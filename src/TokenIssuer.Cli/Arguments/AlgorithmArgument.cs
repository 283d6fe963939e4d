using System.CommandLine.Parsing;

namespace TokenIssuer.Cli.Arguments;

/// <summary>Reads <c>--alg</c>: one of the JOSE names TokenIssuer signs with, exactly as written.</summary>
internal static class AlgorithmArgument
{
    public static readonly string List = string.Join(", ", JwtAlgorithmNames.All);

    public static JwtAlgorithm? Parse(ArgumentResult result)
    {
        string name = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (JwtAlgorithmNames.TryParse(name, out var algorithm)) return algorithm;
        string hint = name == "none"
            ? "unsigned tokens are not supported"
            : JwtAlgorithmNames.Suggest(name) is { } suggestion ? $"did you mean {suggestion}?" : "names are case-sensitive";
        result.AddError($"--alg {SensitiveText.QuoteShort(name)} is not an algorithm ({hint}): use one of {List}.");
        return null;
    }
}
