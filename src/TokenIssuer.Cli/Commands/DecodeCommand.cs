using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using TokenIssuer.Cli.Arguments;
using TokenIssuer.Cli.Verification;

namespace TokenIssuer.Cli.Commands;

/// <summary>
/// <c>tokenissuer decode TOKEN</c>: prints the header and payload as indented JSON and, given a key,
/// verifies the signature (exit code 1 when it is not valid).
/// </summary>
internal static class DecodeCommand
{
    public static Command Create()
    {
        var tokenArgument = new Argument<string>("TOKEN")
        {
            Description = "The token (header.payload.signature); '-' reads it from stdin.",
        };
        var keys = new KeySourceOptions(
            "Verify with this key: a PEM public key, private key or certificate, or a JWK or JWK set if the file starts with '{'.");

        var command = new Command("decode",
            "Print a token's header and payload as JSON ({\"header\", \"payload\"}); with a key, also verify its signature " +
            "(\"signature\": \"valid\" or \"invalid\"; exit code 1 when invalid). iat, nbf and exp are also shown as UTC dates (\"dates\"), " +
            "and a note on stderr says when the token is expired or not yet valid; they do not change the exit code.")
        {
            tokenArgument,
        };
        keys.AddTo(command);
        command.Validators.Add(result => keys.Validate(result, required: false));

        CommandAction.Set(command, parseResult =>
        {
            string text = JsonArgument.ReadValueOrStdin(parseResult.GetValue(tokenArgument)!, "The token");
            using var token = CompactToken.Parse(text);

            string? invalidReason = null;
            bool verified = false;
            if (keys.Read(parseResult) is { } source)
            {
                using var key = VerificationKeys.Read(source, token.KeyId);
                invalidReason = Verify(token, key);
                verified = true;
            }

            Print(token, verified ? invalidReason is null : null);
            if (token.PayloadJson is { } payload && TimeClaims.Status(payload.RootElement, TimeProvider.System.GetUtcNow()) is { } status)
            {
                Console.Error.WriteLine("note: " + status);
            }
            if (!verified) return ExitCodes.Success;
            if (invalidReason is null)
            {
                Console.Error.WriteLine($"Signature valid ({token.Algorithm}).");
                return ExitCodes.Success;
            }
            Console.Error.WriteLine("error: invalid signature: " + invalidReason);
            return ExitCodes.Failure;
        });
        return command;
    }

    private static string? Verify(CompactToken token, VerificationKey key)
    {
        string? name = token.Algorithm;
        if (name is null) return "the header has no \"alg\" string.";
        if (name == "none") return "the token is unsigned (\"alg\": \"none\"); unsigned tokens are never valid.";
        if (!JwtAlgorithmNames.TryParse(name, out var algorithm)) return $"the algorithm \"{name}\" is not one of {AlgorithmArgument.List}.";
        return SignatureCheck.Verify(key, algorithm, token.SigningInput, token.Signature);
    }

    private static void Print(CompactToken token, bool? signatureValid)
    {
        byte[] json;
        try
        {
            json = Render(token, signatureValid, reindent: true);
        }
        catch (InvalidOperationException)
        {
            // A string escape that is not valid UTF-16 (a lone "\ud800") cannot be re-written: print the JSON as it is.
            json = Render(token, signatureValid, reindent: false);
        }
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(json);
        stdout.WriteByte((byte)'\n');
    }

    private static byte[] Render(CompactToken token, bool? signatureValid, bool reindent)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("header");
            Write(writer, token.Header.RootElement, reindent);
            writer.WritePropertyName("payload");
            if (token.PayloadJson is { } json) Write(writer, json.RootElement, reindent);
            else writer.WriteStringValue(token.PayloadText);
            if (token.PayloadJson is { } payload && TimeClaims.Dates(payload.RootElement).ToList() is { Count: > 0 } dates)
            {
                // Beside the payload, not in it: the payload is printed exactly as signed.
                writer.WriteStartObject("dates");
                foreach (var (name, date) in dates) writer.WriteString(name, date);
                writer.WriteEndObject();
            }
            if (signatureValid is bool valid) writer.WriteString("signature", valid ? "valid" : "invalid");
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, bool reindent)
    {
        if (reindent) element.WriteTo(writer);
        else writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
    }
}
