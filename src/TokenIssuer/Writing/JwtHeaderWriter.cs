using System.Buffers;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// Writes the JOSE header: <c>{alg, typ, kid}</c> with the <c>header</c> option merged over it, members
/// it names replacing the base ones in place (even with null), the others following in their own order.
/// </summary>
internal static class JwtHeaderWriter
{
    private const string Alg = HeaderParameterNames.Algorithm, Typ = HeaderParameterNames.Type, Kid = HeaderParameterNames.KeyId;

    private static readonly JsonWriterOptions EncodeOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Appends the header segment of a token signed by <see cref="JwtSigner"/>.</summary>
    public static void Append(TokenScratch scratch, JwtAlgorithm algorithm, SigningKey key, JwtSignOptions options, bool objectPayload)
    {
        string? keyId = options.KeyId ?? key.KeyId;
        if (options.Header is null)
        {
            // No extra members: the key caches the encoded header of its last (algorithm, kid).
            scratch.AppendEncoded(key.GetEncodedHeader(algorithm, keyId, objectPayload));
            return;
        }
        Write(scratch.StartJson(), algorithm, keyId, options.Header, objectPayload);
        scratch.AppendJsonSegment();
    }

    /// <summary>A header with no extra members, in base64url (cached per key by <see cref="SigningKey"/>).</summary>
    public static byte[] Encode(JwtAlgorithm algorithm, string? keyId, bool objectPayload)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, EncodeOptions))
        {
            Write(writer, algorithm, keyId, header: null, objectPayload);
        }
        return Base64Url.EncodeToUtf8(buffer.WrittenSpan);
    }

    /// <summary>Writes the header object; <paramref name="objectPayload"/> decides the default <c>typ: "JWT"</c>.</summary>
    public static void Write(Utf8JsonWriter writer, JwtAlgorithm algorithm, string? keyId, IReadOnlyDictionary<string, object?>? header, bool objectPayload)
    {
        writer.WriteStartObject();
        writer.WriteString(Alg, JwtAlgorithmNames.Name(algorithm));
        WriteType(writer, header, objectPayload);
        WriteKeyId(writer, header, keyId);
        if (header is not null) WriteExtraMembers(writer, header);
        writer.WriteEndObject();
    }

    private static void WriteType(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?>? header, bool objectPayload)
    {
        if (header is not null && header.TryGetValue(Typ, out var typ))
        {
            writer.WritePropertyName(Typ);
            ClaimValueWriter.Write(writer, typ, "header.typ");
        }
        else if (objectPayload)
        {
            // jsonwebtoken writes typ only for object payloads.
            writer.WriteString(Typ, "JWT");
        }
    }

    private static void WriteKeyId(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?>? header, string? keyId)
    {
        if (header is not null && header.TryGetValue(Kid, out var kid))
        {
            writer.WritePropertyName(Kid);
            ClaimValueWriter.Write(writer, kid, "header.kid");
        }
        else if (keyId is not null)
        {
            writer.WritePropertyName(Kid);
            ClaimValueWriter.WriteString(writer, keyId, "keyid");
        }
    }

    private static void WriteExtraMembers(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> header)
    {
        foreach (var (name, value) in header)
        {
            if (name is Alg or Typ or Kid) continue;
            string path = "header." + name;
            ClaimValueWriter.WritePropertyName(writer, name, path);
            ClaimValueWriter.Write(writer, value, path);
        }
    }
}
