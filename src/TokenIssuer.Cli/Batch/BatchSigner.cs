using System.Text;
using System.Text.Json;

namespace TokenIssuer.Cli.Batch;

/// <summary>
/// <c>tokenissuer sign --batch</c>: reads one signing request per line from stdin until end of input
/// and writes one answer line per request (the conformance contract, shared/conformance/README.md):
/// <code>
/// {"id": "...", "now": 1700000000, "payload": {...}, "key": "secret or PEM", "options": {...}}
/// → {"id": "...", "token": "eyJ..."}  or  {"id": "...", "error": "..."}
/// </code>
/// A bad line never stops the batch: it is answered with an error (and a null id when it has none).
/// </summary>
internal static class BatchSigner
{
    private const int BufferSize = 64 * 1024;

    // Deep enough for any payload the signing engine accepts; the engine reports deeper ones.
    private static readonly JsonDocumentOptions RequestJson = new() { MaxDepth = 1000 };

    public static int Run(Stream input, Stream output)
    {
        // The contract is UTF-8 JSON lines: bytes that look like a UTF-16/32 byte order mark must not switch
        // the decoding of the whole stream (they make the first line invalid, nothing more).
        using var reader = new StreamReader(input, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: false, BufferSize);
        using var answers = new BatchAnswerWriter(new BufferedStream(output, BufferSize));
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1 && line.StartsWith('\uFEFF')) line = line[1..]; // a UTF-8 byte order mark
            if (string.IsNullOrWhiteSpace(line)) continue;
            Answer(line, lineNumber, answers);
        }
        answers.Flush();
        return ExitCodes.Success;
    }

    private static void Answer(string line, long lineNumber, BatchAnswerWriter answers)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, RequestJson);
        }
        catch (JsonException e)
        {
            answers.WriteError(id: null, $"line {lineNumber} is not valid JSON: {e.Message}");
            return;
        }

        using (document)
        {
            var request = document.RootElement;
            JsonElement? id = request.ValueKind == JsonValueKind.Object && request.TryGetProperty("id", out var idValue)
                && idValue.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? idValue
                : null;
            try
            {
                answers.WriteToken(id, Sign(request, id));
            }
            catch (Exception e) when (e is JwtSigningException or BatchRequestException)
            {
                answers.WriteError(id, e.Message);
            }
            catch (Exception e)
            {
                // Anything else is a defect, not bad input; still answer and carry on.
                answers.WriteError(id, $"internal error ({e.GetType().Name}): {e.Message}");
            }
        }
    }

    private static string Sign(JsonElement request, JsonElement? id)
    {
        if (request.ValueKind != JsonValueKind.Object) throw new BatchRequestException("the request must be a JSON object {\"id\", \"now\", \"payload\", \"key\", \"options\"}.");
        if (id is null) throw new BatchRequestException("the request has no \"id\" (a string).");

        if (!request.TryGetProperty("now", out var now) || now.ValueKind != JsonValueKind.Number)
        {
            throw new BatchRequestException("\"now\" must be the current time as a number of Unix seconds.");
        }
        if (!FixedClock.TryFromUnixSeconds(now.GetDouble(), out var clock))
        {
            throw new BatchRequestException($"\"now\" must be {FixedClock.RangeHint}.");
        }

        if (!request.TryGetProperty("key", out var keyValue) || keyValue.ValueKind != JsonValueKind.String)
        {
            throw new BatchRequestException("\"key\" must be a string: a private key PEM, or an HMAC secret.");
        }
        if (!request.TryGetProperty("payload", out var payload))
        {
            throw new BatchRequestException("payload is required.");
        }
        var options = request.TryGetProperty("options", out var optionsValue)
            ? JwtSignOptions.FromJson(optionsValue)
            : new JwtSignOptions();
        options.TimeProvider = clock;

        using var key = SigningKey.FromJsonWebTokenString(JsonDocuments.GetString(keyValue, "key"));
        return JwtSigner.Sign(payload, key, options);
    }
}

/// <summary>A request line that does not follow the batch contract.</summary>
internal sealed class BatchRequestException(string message) : Exception(message);
