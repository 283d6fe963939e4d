using System.Text.Json;

namespace TokenIssuer;

/// <summary>Writes the JSON Web Key Set (RFC 7517 §5) of the public validation keys. Secrets are never in it.</summary>
/// <remarks>In the runtime, not the ASP.NET Core package, so that <c>MapJwks()</c> and <c>tokenissuer jwks</c> write the same document.</remarks>
internal static class JwksDocument
{
    public static byte[] Write(IEnumerable<JwtValidationKey> keys)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            var published = new HashSet<(string, JwtAlgorithm)>();
            foreach (var key in keys)
            {
                if (key.IsSymmetric || !published.Add((key.KeyId, key.Algorithm))) continue;
                writer.WriteStartObject();
                foreach (var (name, value) in key.PublicJwk) writer.WriteString(name, value);
                writer.WriteString("kid", key.KeyId);
                writer.WriteString("alg", key.Algorithm.ToString());
                writer.WriteString("use", "sig");
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
