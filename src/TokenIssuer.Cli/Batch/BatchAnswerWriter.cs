using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TokenIssuer.Cli.Batch;

/// <summary>Writes the answers of <c>sign --batch</c>, one JSON object per line, to a buffered stream.</summary>
internal sealed class BatchAnswerWriter(Stream output) : IDisposable
{
    // Relaxed escaping: the answers are read as JSON, never embedded in HTML, so '"' stays \" and 'é' stays é.
    private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public void WriteToken(JsonElement? id, string token) => Write(id, "token", token);

    // A message may quote input text; lone surrogates cannot be written as UTF-8, so they become U+FFFD.
    public void WriteError(JsonElement? id, string error) => Write(id, "error", Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(error)));

    private void Write(JsonElement? id, string name, string value)
    {
        _writer.Reset(output);
        _writer.WriteStartObject();
        _writer.WritePropertyName("id");
        // The id goes back exactly as it came, escapes included.
        if (id is { } given) _writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(given), skipInputValidation: true);
        else _writer.WriteNullValue();
        _writer.WriteString(name, value);
        _writer.WriteEndObject();
        _writer.Flush();
        output.WriteByte((byte)'\n');
    }

    public void Flush() => output.Flush();

    public void Dispose()
    {
        _writer.Dispose();
        output.Dispose();
    }
}
