using System.Buffers.Text;

namespace TokenIssuer;

internal static class KeyEncoding
{
    /// <summary>Decodes base64 or base64url, with or without padding. The error never echoes the text.</summary>
    public static byte[] DecodeBase64OrBase64Url(string text, string what)
    {
        string normalized = text.Replace('-', '+').Replace('_', '/');
        int remainder = normalized.Length % 4;
        if (remainder == 1) throw SigningErrors.BadBase64(what);
        if (remainder > 0) normalized += new string('=', 4 - remainder);
        try
        {
            return Convert.FromBase64String(normalized);
        }
        catch (FormatException)
        {
            throw SigningErrors.BadBase64(what);
        }
    }

    public static byte[] DecodeBase64Url(string text, string what)
    {
        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            throw SigningErrors.BadBase64(what);
        }
    }
}
