using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TokenIssuer.Cli.Batch;

/// <summary>
/// Writes the answers of <c>sign --batch</c>, one JSON object per line, to a buffered stream, and
/// remembers whether writing failed (the reader of the answers has gone).
/// </summary>
internal sealed class BatchAnswerWriter(Stream output) : IDisposable
{
    // Relaxed escaping: the answers are read as JSON, never embedded in HTML, so '"' stays \" and 'é' stays é.
    private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>True once a write to the output has thrown.</summary>
    public bool Failed { get; private set; }

    public void WriteToken(JsonElement? id, string token) => Write(id, "token", token);

    // A message may quote input text; lone surrogates cannot be written as UTF-8, so they become U+FFFD.
    public void WriteError(JsonElement? id, string error) => Write(id, "error", Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(error)));

    private void Write(JsonElement? id, string name, string value) => Guard(() =>
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
    });

    /// <summary>Sends the answers written so far to the reader.</summary>
    public void Flush() => Guard(output.Flush);

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
        _writer.Dispose();
        try
        {
            output.Dispose();
        }
        catch (IOException) when (Failed)
        {
            // Disposing flushes again into the same closed pipe; the failure is already reported.
        }
    }
}
