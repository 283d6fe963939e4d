using System.Text.Json;
using TokenIssuer.Cli.Input;

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

    /// <summary>
    /// The text of <paramref name="value"/>, or all of stdin when it is "-"; either way at most
    /// <see cref="InputLimits.MaxChars"/> (stdin is read no further than that).
    /// </summary>
    public static string ReadValueOrStdin(string value, string what)
    {
        string? text = value == "-" ? BoundedLineReader.ReadAll(Console.In, InputLimits.MaxChars) : value;
        if (text is null || text.Length > InputLimits.MaxChars)
        {
            string where = value == "-" ? " on stdin" : "";
            throw new CliInputException($"{what}{where} is longer than {InputLimits.Description}, the most this command reads.");
        }
        return text;
    }
}
