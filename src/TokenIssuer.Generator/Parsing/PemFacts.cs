using System;

namespace TokenIssuer.Generator.Parsing;

/// <summary>
/// Tells the kind of an inline PEM key (and an EC key's curve) from its label and object identifiers,
/// without a crypto library: enough to flag a key that cannot sign the profile's algorithm.
/// </summary>
internal static class PemFacts
{
    private static readonly byte[] RsaEncryption = { 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01 };
    private static readonly byte[] RsaPss = { 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A };
    private static readonly byte[] EcPublicKey = { 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };
    private static readonly byte[] P256 = { 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };
    private static readonly byte[] P384 = { 0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22 };
    private static readonly byte[] P521 = { 0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x23 };

    /// <summary>The key kind ("rsa", "ec", "public", or "unknown") and, for EC keys, the curve (P-256, P-384, P-521) if recognised.</summary>
    public static (string Kind, string? Curve) Read(string pem)
    {
        string? label = Label(pem);
        if (label is null) return ("unknown", null);
        if (label.EndsWith("PUBLIC KEY", StringComparison.Ordinal) || label == "CERTIFICATE") return ("public", null);
        if (label == "RSA PRIVATE KEY") return ("rsa", null);
        byte[]? der = Body(pem);
        if (label == "EC PRIVATE KEY") return ("ec", der is null ? null : Curve(der));
        if (label != "PRIVATE KEY" || der is null) return ("unknown", null);
        if (Contains(der, RsaEncryption) || Contains(der, RsaPss)) return ("rsa", null);
        if (Contains(der, EcPublicKey)) return ("ec", Curve(der));
        return ("unknown", null);
    }

    private static string? Curve(byte[] der)
        => Contains(der, P256) ? "P-256" : Contains(der, P384) ? "P-384" : Contains(der, P521) ? "P-521" : null;

    private static string? Label(string pem)
    {
        const string begin = "-----BEGIN ";
        int start = pem.IndexOf(begin, StringComparison.Ordinal);
        if (start < 0) return null;
        start += begin.Length;
        int end = pem.IndexOf("-----", start, StringComparison.Ordinal);
        return end < 0 ? null : pem.Substring(start, end - start);
    }

    private static byte[]? Body(string pem)
    {
        int headerEnd = pem.IndexOf("-----", pem.IndexOf("-----BEGIN ", StringComparison.Ordinal) + 11, StringComparison.Ordinal);
        int footer = pem.IndexOf("-----END ", StringComparison.Ordinal);
        if (headerEnd < 0 || footer < 0 || footer <= headerEnd + 5) return null;
        string base64 = pem.Substring(headerEnd + 5, footer - headerEnd - 5).Replace("\r", "").Replace("\n", "").Replace(" ", "");
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }
}
