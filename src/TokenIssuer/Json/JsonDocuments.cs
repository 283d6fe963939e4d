using System.Text.Json;

namespace TokenIssuer;

internal static class JsonDocuments
{
    /// <summary>
    /// A JSON string's value. An escaped lone surrogate (<c>"\ud800"</c>) has no .NET string form; that is
    /// a <see cref="JwtSigningException"/> about <paramref name="what"/>, not an InvalidOperationException.
    /// </summary>
    public static string GetString(JsonElement element, string what)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw SigningErrors.UnencodableText(what, e);
        }
    }

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
