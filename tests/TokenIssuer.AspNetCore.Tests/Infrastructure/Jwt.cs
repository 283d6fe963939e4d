using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TokenIssuer.AspNetCore.Tests.Infrastructure;

/// <summary>Reads and tampers with compact JWTs.</summary>
public static class Jwt
{
    public static JsonObject Header(string token) => Segment(token, 0);

    public static JsonObject Payload(string token) => Segment(token, 1);

    public static string Kid(string token) => (string?)Header(token)["kid"] ?? throw new InvalidOperationException("The token has no kid.");

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
    public static string WithPayload(string token, Action<JsonObject> change)
    {
        var parts = token.Split('.');
        var payload = Payload(token);
        change(payload);
        parts[1] = Encode(payload.ToJsonString());
        return string.Join('.', parts);
    }

    /// <summary>The same header and payload under <c>alg: none</c> with an empty signature.</summary>
    public static string Unsigned(string token)
    {
        var header = Header(token);
        header["alg"] = "none";
        var parts = token.Split('.');
        return $"{Encode(header.ToJsonString())}.{parts[1]}.";
    }

    public static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    private static JsonObject Segment(string token, int index)
        => JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[index]))!.AsObject();

    /// <summary>Every property name anywhere in a JSON document.</summary>
    public static IEnumerable<string> PropertyNames(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    yield return property.Name;
                    foreach (var name in PropertyNames(property.Value)) yield return name;
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var name in PropertyNames(item)) yield return name;
                }
                break;
        }
    }
}
