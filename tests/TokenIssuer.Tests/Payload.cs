namespace TokenIssuer.Tests;

/// <summary>Payload dictionaries in insertion order, as the JavaScript object literals of the jsonwebtoken vectors are written.</summary>
internal static class Payload
{
    public static Dictionary<string, object?> Of(params (string Name, object? Value)[] claims)
    {
        var payload = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in claims) payload.Add(name, value);
        return payload;
    }

    public static Dictionary<string, object?> Empty() => new(StringComparer.Ordinal);
}
