using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TokenIssuer;

/// <summary>
/// Writes a claim or header value as JSON, with JavaScript's <c>JSON.stringify</c> results where .NET
/// differs (NaN and infinities become null). No reflection: only the types listed in
/// <see cref="SigningErrors.UnsupportedClaimValue"/> are written, so the engine stays trimming-safe.
/// </summary>
internal static class ClaimValueWriter
{
    private const int MaxDepth = 64;

    public static void Write(Utf8JsonWriter writer, object? value, string path) => Write(writer, value, path, 0);

    /// <summary>Writes a NumericDate or other computed number; whole numbers without a fraction.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value)) writer.WriteNullValue();
        else if (JsNumberFormatter.IsSafeInteger(value)) writer.WriteNumberValue((long)value);
        else writer.WriteRawValue(JsNumberFormatter.Format(value), skipInputValidation: true);
    }

    private static void Write(Utf8JsonWriter writer, object? value, string path, int depth)
    {
        if (depth > MaxDepth) throw SigningErrors.PayloadTooDeep(path);
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: WriteString(writer, s, path); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d: WriteNumber(writer, d); break;
            case float f: WriteNumber(writer, f); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case short s: writer.WriteNumberValue(s); break;
            case byte b: writer.WriteNumberValue(b); break;
            case sbyte sb: writer.WriteNumberValue(sb); break;
            case ushort us: writer.WriteNumberValue(us); break;
            case uint ui: writer.WriteNumberValue(ui); break;
            case ulong ul: writer.WriteNumberValue(ul); break;
            case Guid g: writer.WriteStringValue(g); break;
            // JWT dates are NumericDates (RFC 7519 §2), whole seconds since the epoch.
            case DateTimeOffset dto: writer.WriteNumberValue(dto.ToUnixTimeSeconds()); break;
            case DateTime dt: writer.WriteNumberValue(new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt).ToUnixTimeSeconds()); break;
            case Uri uri: WriteString(writer, uri.OriginalString, path); break;
            case JsonElement element: JsonElementWriter.Write(writer, element); break;
            case JsonNode node: node.WriteTo(writer); break;
            case Enum e: WriteString(writer, e.ToString(), path); break;
            case IEnumerable<KeyValuePair<string, object?>> obj: WriteObject(writer, obj, path, depth); break;
            case IEnumerable<KeyValuePair<string, string?>> strings: WriteObject(writer, strings.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)), path, depth); break;
            case IEnumerable list: WriteArray(writer, list, path, depth); break;
            default: throw SigningErrors.UnsupportedClaimValue(path, value.GetType());
        }
    }

    public static void WriteString(Utf8JsonWriter writer, string value, string path)
    {
        EnsureEncodable(value, path);
        writer.WriteStringValue(value);
    }

    public static void WritePropertyName(Utf8JsonWriter writer, string name, string path)
    {
        EnsureEncodable(name, path);
        writer.WritePropertyName(name);
    }

    /// <summary>
    /// Refuses text with a lone surrogate: UTF-8 cannot carry it and the JSON writer would silently put
    /// U+FFFD in its place, signing a value the caller never gave.
    /// </summary>
    internal static void EnsureEncodable(string text, string path)
    {
        var span = text.AsSpan();
        if (span.IndexOfAnyInRange('\uD800', '\uDFFF') < 0) return;
        if (!IsWellFormed(span)) throw SigningErrors.UnencodableText(path);
    }

    /// <summary>True when the text has no lone surrogate (UTF-8, and so JSON in a token, can carry it).</summary>
    internal static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }

    private static void WriteObject(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> obj, string path, int depth)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in obj)
        {
            string childPath = path + "." + name;
            WritePropertyName(writer, name, childPath);
            Write(writer, value, childPath, depth + 1);
        }
        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, IEnumerable list, string path, int depth)
    {
        writer.WriteStartArray();
        int index = 0;
        foreach (var item in list)
        {
            Write(writer, item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]"), depth + 1);
        }
        writer.WriteEndArray();
    }
}
