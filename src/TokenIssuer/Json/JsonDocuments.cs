using System.Text.Json;

namespace TokenIssuer;

internal static class JsonDocuments
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>Parses JSON text, turning a syntax error into a <see cref="JwtSigningException"/> about <paramref name="what"/>.</summary>
    public static JsonDocument Parse(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new JwtSigningException(what, $"The {what} is not valid JSON: {e.Message}", e);
        }
    }
}
