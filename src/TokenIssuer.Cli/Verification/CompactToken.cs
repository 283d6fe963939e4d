using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace TokenIssuer.Cli.Verification;

/// <summary>
/// A compact JWS (<c>header.payload.signature</c>) taken apart: the header as JSON, the payload as
/// JSON when it is JSON (otherwise as text), and the bytes the signature covers.
/// </summary>
internal sealed class CompactToken : IDisposable
{
    private CompactToken(JsonDocument header, JsonDocument? payloadJson, string payloadText, byte[] signingInput, byte[] signature)
    {
        Header = header;
        PayloadJson = payloadJson;
        PayloadText = payloadText;
        SigningInput = signingInput;
        Signature = signature;
    }

    public JsonDocument Header { get; }

    /// <summary>The payload parsed as JSON, or null when it is not JSON (a string payload).</summary>
    public JsonDocument? PayloadJson { get; }

    /// <summary>The payload as UTF-8 text.</summary>
    public string PayloadText { get; }

    /// <summary>The ASCII bytes of <c>header.payload</c>, which the signature covers.</summary>
    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    /// <summary>The header's <c>alg</c>, when it is a string.</summary>
    public string? Algorithm => StringMember("alg");

    /// <summary>The header's <c>kid</c>, when it is a string.</summary>
    public string? KeyId => StringMember("kid");

    private string? StringMember(string name)
        => Header.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Reads a token; surrounding whitespace and a leading "Bearer " are ignored.</summary>
    public static CompactToken Parse(string text)
    {
        string token = text.Trim();
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) token = token["Bearer ".Length..].Trim();

        if (token.Length == 0) throw new CliInputException("The token is empty.");
        if (token.Contains("-----BEGIN", StringComparison.Ordinal) || token.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            // A key pasted where the token goes: say so without repeating it.
            throw new CliInputException($"The token given ({token.Length} characters, not shown) is a PEM key, not a token: give the token as TOKEN, and the key with --key-file PATH.");
        }
        string[] parts = token.Split('.');
        if (parts.Length == 5) throw new CliInputException("This is an encrypted token (JWE, five parts); only signed tokens (JWS, three parts) can be decoded.");
        if (parts.Length != 3) throw new CliInputException($"This is not a JWT: a signed token has three parts separated by '.', this one has {parts.Length}.");

        byte[] headerBytes = Decode(parts[0], "header");
        JsonDocument header;
        try
        {
            header = JsonDocument.Parse(headerBytes);
        }
        catch (JsonException e)
        {
            throw new CliInputException($"The token's header is not JSON: {e.Message}");
        }
        if (header.RootElement.ValueKind != JsonValueKind.Object)
        {
            header.Dispose();
            throw new CliInputException("The token's header is not a JSON object.");
        }

        byte[] payloadBytes = Decode(parts[1], "payload");
        JsonDocument? payloadJson;
        try
        {
            payloadJson = JsonDocument.Parse(payloadBytes);
        }
        catch (JsonException)
        {
            payloadJson = null;
        }

        byte[] signature = Decode(parts[2], "signature");
        byte[] signingInput = Encoding.ASCII.GetBytes(token[..(parts[0].Length + 1 + parts[1].Length)]);
        return new CompactToken(header, payloadJson, Encoding.UTF8.GetString(payloadBytes), signingInput, signature);
    }

    private static byte[] Decode(string part, string what)
    {
        try
        {
            return Base64Url.DecodeFromChars(part);
        }
        catch (FormatException)
        {
            throw new CliInputException($"The token's {what} is not base64url.");
        }
    }

    public void Dispose()
    {
        Header.Dispose();
        PayloadJson?.Dispose();
    }
}
