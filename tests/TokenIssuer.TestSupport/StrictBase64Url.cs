namespace TokenIssuer.TestSupport;

/// <summary>
/// Base64url as RFC 7515 §2 has it for JWS, written here rather than taken from the runtime or the BCL
/// (which accepts padding): the alphabet A–Z a–z 0–9 - _, no padding, no length of 1 modulo 4.
/// </summary>
public static class StrictBase64Url
{
    public static byte[] Decode(string segment)
    {
        foreach (char c in segment)
        {
            bool ok = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
            if (!ok) throw new FormatException($"'{c}' is not a base64url character");
        }
        if (segment.Length % 4 == 1) throw new FormatException("a base64url text cannot have a length of 1 modulo 4");
        string padded = segment.Replace('-', '+').Replace('_', '/') + new string('=', (4 - segment.Length % 4) % 4);
        return Convert.FromBase64String(padded);
    }

    public static string Encode(byte[] bytes)
        => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
