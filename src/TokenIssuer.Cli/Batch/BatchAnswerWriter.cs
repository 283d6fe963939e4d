using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TokenIssuer.Cli.Batch;

/// <summary>
/// Writes the answers of <c>sign --batch</c>, one JSON object per line, to a buffered stream, and
/// remembers whether writing failed (the reader of the answers has gone).
/// </summary>
internal sealed class BatchAnswerWriter(Stream destination, int bufferSize) : IDisposable
{
    private readonly Stream _output = new BufferedStream(destination, bufferSize);
    private Utf8JsonWriter? _json;

    // Relaxed escaping: the answers are read as JSON, never embedded in HTML, so '"' stays \" and 'é' stays é.
    private Utf8JsonWriter Writer => _json ??= new(_output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>True once a write to the output has thrown.</summary>
    public bool Failed { get; private set; }

    public void WriteToken(JsonElement? id, string token) => Write(id, "token", token);

    // A message may quote input text; lone surrogates cannot be written as UTF-8, so they become U+FFFD.
    public void WriteError(JsonElement? id, string error) => Write(id, "error", Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(error)));

    private void Write(JsonElement? id, string name, string value) => Guard(() =>
    {
        Writer.Reset(_output);
        Writer.WriteStartObject();
        Writer.WritePropertyName("id");
        // The id goes back exactly as it came, escapes included.
        if (id is { } given) Writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(given), skipInputValidation: true);
        else Writer.WriteNullValue();
        Writer.WriteString(name, value);
        Writer.WriteEndObject();
        Writer.Flush();
        _output.WriteByte((byte)'\n');
    });

    /// <summary>Sends the answers written so far to the reader.</summary>
    public void Flush() => Guard(_output.Flush);

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (IOException)
        {
            Failed = true;
            throw;
        }
    }

    public void Dispose()
    {
        if (Failed)
        {
            // The buffers would flush again into the same closed pipe; the failure is already reported.
            destination.Dispose();
            return;
        }
        _json?.Dispose();
        _output.Dispose();
    }
}
