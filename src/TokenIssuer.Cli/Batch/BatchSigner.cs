using System.Text;
using System.Text.Json;
using TokenIssuer.Cli.Input;

namespace TokenIssuer.Cli.Batch;

/// <summary>
/// <c>tokenissuer sign --batch</c>: reads one signing request per line from stdin until end of input
/// and writes one answer line per request (the conformance contract, shared/conformance/README.md):
/// <code>
/// {"id": "...", "now": 1700000000, "payload": {...}, "key": "secret or PEM", "options": {...}}
/// → {"id": "...", "token": "eyJ..."}  or  {"id": "...", "error": "..."}
/// </code>
/// A bad line never stops the batch: it is answered with an error (and a null id when it has none).
/// Each answer is written as soon as its line is read, so a long-lived process can hold the pipe open;
/// <c>now</c> may be left out (the system clock then). When the reader of the answers has gone (a
/// closed pipe), the batch stops with exit code 1.
/// </summary>
internal static class BatchSigner
{
    private const int BufferSize = 64 * 1024;

    // Deep enough for any payload the signing engine accepts; the engine reports deeper ones.
    private static readonly JsonDocumentOptions RequestJson = new() { MaxDepth = 1000 };

    public static int Run(Stream input, Stream output, TimeProvider clock)
    {
        // The contract is UTF-8 JSON lines: bytes that look like a UTF-16/32 byte order mark must not switch
        // the decoding of the whole stream (they make the first line invalid, nothing more).
        using var reader = new StreamReader(input, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: false, BufferSize);
        var lines = new BoundedLineReader(reader, InputLimits.MaxChars);
        using var answers = new BatchAnswerWriter(output, BufferSize);
        long lineNumber = 0;
        long answered = 0;
        try
        {
            while (lines.ReadLine() is { } line)
            {
                lineNumber++;
                if (line.TooLong)
                {
                    answers.WriteError(id: null, $"line {lineNumber} is {line.Length:N0} characters long; a request line may be at most {InputLimits.Description}.");
                }
                else
                {
                    string text = line.Text!;
                    if (lineNumber == 1 && text.StartsWith('\uFEFF')) text = text[1..]; // a UTF-8 byte order mark
                    if (string.IsNullOrWhiteSpace(text)) continue;
                    Answer(text, lineNumber, answers, clock);
                }
                answers.Flush();
                answered++;
            }
        }
        catch (IOException e) when (answers.Failed)
        {
            // The reader of the answers has gone: signing on would only make tokens nobody reads.
            Console.Error.WriteLine($"error: the answers could not be written (stdout was closed: {e.Message}); stopped after {answered:N0} answers.");
            return ExitCodes.Failure;
        }
        return ExitCodes.Success;
    }

    private static void Answer(string line, long lineNumber, BatchAnswerWriter answers, TimeProvider clock)
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
            string token;
            try
            {
                token = Sign(request, id, clock);
            }
            catch (Exception e) when (e is JwtSigningException or BatchRequestException)
            {
                answers.WriteError(id, e.Message);
                return;
            }
            catch (Exception e) when (e is not IOException)
            {
                // Anything else is a defect, not bad input; still answer and carry on.
                answers.WriteError(id, $"internal error ({e.GetType().Name}): {e.Message}");
                return;
            }
            answers.WriteToken(id, token);
        }
    }

    private static string Sign(JsonElement request, JsonElement? id, TimeProvider systemClock)
    {
        if (request.ValueKind != JsonValueKind.Object) throw new BatchRequestException("the request must be a JSON object {\"id\", \"now\", \"payload\", \"key\", \"options\"}.");
        if (id is null) throw new BatchRequestException("the request has no \"id\" (a string).");

        TimeProvider clock = systemClock;
        if (request.TryGetProperty("now", out var now))
        {
            if (now.ValueKind != JsonValueKind.Number)
            {
                throw new BatchRequestException("\"now\" must be the current time as a number of Unix seconds (or left out for the system clock).");
            }
            if (!FixedClock.TryFromUnixSeconds(now.GetDouble(), out var fixedClock))
            {
                throw new BatchRequestException($"\"now\" must be {FixedClock.RangeHint}.");
            }
            clock = fixedClock;
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
