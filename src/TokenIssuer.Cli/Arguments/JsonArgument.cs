using System.Text.Json;

namespace TokenIssuer.Cli.Arguments;

/// <summary>Parses JSON given on the command line, naming the flag when it is not valid.</summary>
internal static class JsonArgument
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>Parses <paramref name="json"/>; <paramref name="what"/> names it in the error (<c>--payload</c>).</summary>
    public static JsonDocument Parse(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new CliInputException($"{what} is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The text of <paramref name="value"/>, or all of stdin when it is "-".</summary>
    public static string ReadValueOrStdin(string value)
        => value == "-" ? Console.In.ReadToEnd() : value;
}
