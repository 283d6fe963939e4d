using System.Text;

namespace TokenIssuer.TestSupport;

/// <summary>Forged variants of a compact JWT, for tests that a validator refuses them.</summary>
public static class JwtTampering
{
    /// <summary>Changes one character in the middle of segment <paramref name="index"/> (0 header, 1 payload, 2 signature).</summary>
    /// <remarks>The middle, not the end: the last base64url character of a segment may carry only padding bits.</remarks>
    public static string FlipCharacter(string token, int index)
    {
        var parts = token.Split('.');
        var chars = parts[index].ToCharArray();
        int middle = chars.Length / 2;
        chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
        parts[index] = new string(chars);
        return string.Join('.', parts);
    }

    /// <summary>Replaces the payload (a well-formed one, so only the signature can refuse it) and keeps the signature.</summary>
    public static string WithPayload(string token, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var parts = token.Split('.');
        var payload = new Jwt(token).PayloadObject;
        change(payload);
        parts[1] = Encode(payload.ToJsonString());
        return string.Join('.', parts);
    }

    /// <summary>The same header and payload under <c>alg: none</c> with an empty signature.</summary>
    public static string Unsigned(string token)
    {
        var header = new Jwt(token).HeaderObject;
        header["alg"] = "none";
        var parts = token.Split('.');
        return $"{Encode(header.ToJsonString())}.{parts[1]}.";
    }

    private static string Encode(string json) => StrictBase64Url.Encode(Encoding.UTF8.GetBytes(json));
}
