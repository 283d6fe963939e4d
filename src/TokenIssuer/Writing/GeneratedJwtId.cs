using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace TokenIssuer;

/// <summary>
/// The <c>jti</c> of a GenerateJwtId profile: 128 bits from the operating system's CSPRNG, base64url without
/// padding (22 characters), written straight into the payload (no Guid, no string).
/// 128 random bits make a repeat as likely as guessing a 128-bit key: ids are unique without coordination.
/// </summary>
internal static class GeneratedJwtId
{
    public const int RandomBytes = 16;

    /// <summary>The id's length in base64url characters.</summary>
    public const int Length = (RandomBytes * 4 + 2) / 3;

    /// <summary>
    /// Writes a fresh id into <paramref name="destination"/> (<see cref="Length"/> bytes; base64url's alphabet needs no
    /// JSON escaping); returns it as a string only when <paramref name="asString"/> (the token's facts want it).
    /// </summary>
    public static string? Write(Span<byte> destination, bool asString)
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        int length = Base64Url.EncodeToUtf8(random, destination);
        return asString ? Encoding.ASCII.GetString(destination[..length]) : null;
    }
}
