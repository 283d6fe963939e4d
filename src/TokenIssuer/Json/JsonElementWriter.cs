using System.Runtime.InteropServices;
using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// Writes a <see cref="JsonElement"/> claim value as JavaScript would re-serialize the parsed value: its
/// own text where it can (keeping escapes, even of lone surrogates, as written), and null for a number
/// JavaScript reads as Infinity.
/// </summary>
internal static class JsonElementWriter
{
    public static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Undefined) writer.WriteNullValue();
        else if (HasNonFiniteNumber(element)) WriteByParts(writer, element);
        // The element's own text is valid JSON already; copying it keeps escapes (even lone surrogates) as written.
        else writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);
    }

    /// <summary>A number too large for a double (<c>1e400</c>) is Infinity to JavaScript, which JSON.stringify writes as null.</summary>
    private static bool HasNonFiniteNumber(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => !element.TryGetDouble(out double value) || !double.IsFinite(value),
        JsonValueKind.Object => element.EnumerateObject().Any(member => HasNonFiniteNumber(member.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(HasNonFiniteNumber),
        _ => false,
    };

    private static void WriteByParts(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                if (element.TryGetDouble(out double value) && double.IsFinite(value)) writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);
                else writer.WriteNullValue();
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in element.EnumerateObject())
                {
                    writer.WritePropertyName(member.Name);
                    Write(writer, member.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);
                break;
        }
    }
}
