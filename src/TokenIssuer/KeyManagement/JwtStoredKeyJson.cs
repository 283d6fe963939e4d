using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// The one JSON form of a <see cref="JwtStoredKey"/>, for stores that keep a record as text (a file, a Redis
/// hash field). Stores with columns (a database) map the record's properties instead.
/// </summary>
public static class JwtStoredKeyJson
{
    /// <summary>Writes <paramref name="key"/> as a small JSON object.</summary>
    public static string Serialize(JwtStoredKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", key.FormatVersion);
            writer.WriteString("kid", key.KeyId);
            writer.WriteString("name", key.KeyName);
            writer.WriteString("alg", key.Algorithm);
            writer.WriteString("created", key.Created.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("protected", key.ProtectedKey);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote.</summary>
    /// <param name="json">The record's JSON text.</param>
    /// <param name="source">Where the text came from (a file name, a hash field), for the error message.</param>
    /// <exception cref="FormatException">The text is not a stored key; the message names <paramref name="source"/> and the member at fault, never the protected key.</exception>
    public static JwtStoredKey Deserialize(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Invalid(source, "it is not a JSON object");
            int version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) ? n : throw Invalid(source, "\"version\" is missing or not a whole number");
            string created = Text(root, "created", source);
            if (!DateTimeOffset.TryParseExact(created, "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
            {
                throw Invalid(source, "\"created\" is not an ISO 8601 date");
            }

            return new JwtStoredKey(Text(root, "kid", source), Text(root, "name", source), Text(root, "alg", source), when,
                Text(root, "protected", source), version);
        }
        catch (JsonException)
        {
            throw Invalid(source, "it is not valid JSON");
        }
    }

    private static string Text(JsonElement root, string member, string source)
        => root.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw Invalid(source, $"\"{member}\" is missing or not a non-empty string");

    private static FormatException Invalid(string source, string problem)
        => new($"The stored signing key {source} cannot be read: {problem}. It was not written by TokenIssuer, or it was damaged; delete it and the key manager creates a new key when one is due.");
}
