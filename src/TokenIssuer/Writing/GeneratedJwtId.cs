using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// The <c>jti</c> of a GenerateJwtId profile: 128 bits from the operating system's CSPRNG, base64url without
/// padding (22 characters), written straight into the payload from the stack (no Guid, no string).
/// 128 random bits make a repeat as likely as guessing a 128-bit key: ids are unique without coordination.
/// </summary>
internal static class GeneratedJwtId
{
    public const int RandomBytes = 16;

    private static readonly JsonEncodedText Name = JsonEncodedText.Encode(RegisteredClaimNames.JwtId);

    /// <summary>Writes a fresh jti; returns it as a string only when <paramref name="asString"/> (the token's facts want it).</summary>
    public static string? Write(Utf8JsonWriter writer, bool asString)
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        Span<byte> text = stackalloc byte[24];
        int length = Base64Url.EncodeToUtf8(random, text);
        // base64url's alphabet needs no JSON escaping: the writer copies the bytes.
        writer.WriteString(Name, text[..length]);
        return asString ? Encoding.ASCII.GetString(text[..length]) : null;
    }
}
