using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TokenIssuer.TestSupport;

/// <summary>
/// A compact JWS taken apart with a strict base64url decoder of the suites' own (not the runtime's), its
/// signature checked directly with .NET cryptography. A token that is not three well-formed segments
/// throws <see cref="FormatException"/>, which fails the test.
/// </summary>
public sealed class Jwt
{
    public Jwt(string token)
    {
        Token = token;
        var parts = token.Split('.');
        if (parts.Length != 3) throw new FormatException($"a compact JWS has 3 segments, this one has {parts.Length}");
        HeaderSegment = parts[0];
        PayloadSegment = parts[1];
        SignatureSegment = parts[2];
        HeaderBytes = StrictBase64Url.Decode(parts[0]);
        PayloadBytes = StrictBase64Url.Decode(parts[1]);
        Signature = StrictBase64Url.Decode(parts[2]);
        HeaderJson = Encoding.UTF8.GetString(HeaderBytes);
        PayloadJson = Encoding.UTF8.GetString(PayloadBytes);
        Header = ParseJson(HeaderBytes);
        SigningInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
    }

    /// <summary>The compact serialization this was made from.</summary>
    public string Token { get; }

    public string HeaderSegment { get; }

    public string PayloadSegment { get; }

    public string SignatureSegment { get; }

    public byte[] HeaderBytes { get; }

    public byte[] PayloadBytes { get; }

    public byte[] Signature { get; }

    /// <summary>What the signature is over: the first two segments and the dot between them, as ASCII.</summary>
    public byte[] SigningInput { get; }

    public string HeaderJson { get; }

    public string PayloadJson { get; }

    public JsonElement Header { get; }

    /// <summary>The payload parsed as JSON (parsed on use: some tests sign payloads that are not objects).</summary>
    public JsonElement Payload => ParseJson(PayloadBytes);

    /// <summary>A mutable copy of the header, for reading with casts or changing.</summary>
    public JsonObject HeaderObject => JsonNode.Parse(HeaderBytes)!.AsObject();

    /// <summary>A mutable copy of the payload, for reading with casts or changing.</summary>
    public JsonObject PayloadObject => JsonNode.Parse(PayloadBytes)!.AsObject();

    public string Alg => Header.GetProperty("alg").GetString()!;

    /// <summary>The header's key id, or null when the header has none.</summary>
    public string? Kid => Header.TryGetProperty("kid", out var kid) ? kid.GetString() : null;

    public long Iat => Payload.GetProperty("iat").GetInt64();

    public long Exp => Payload.GetProperty("exp").GetInt64();

    /// <summary>A payload claim's string value; fails the test when the claim is missing.</summary>
    public string? String(string claim) => Payload.GetProperty(claim).GetString();

    /// <summary>A payload claim's numeric value; fails the test when the claim is missing.</summary>
    public double Number(string claim) => Payload.GetProperty(claim).GetDouble();

    /// <summary>Whether the payload has the claim.</summary>
    public bool Has(string claim) => Payload.TryGetProperty(claim, out _);

    public bool HeaderHas(string name) => Header.TryGetProperty(name, out _);

    /// <summary>Member names of the payload, in order.</summary>
    public string[] PayloadNames => Payload.EnumerateObject().Select(p => p.Name).ToArray();

    /// <summary>Member names of the header, in order.</summary>
    public string[] HeaderNames => Header.EnumerateObject().Select(p => p.Name).ToArray();

    /// <summary>
    /// Checks the signature under the header's algorithm with a key of the matching kind: the secret
    /// bytes for HS*, an <see cref="RSA"/> for RS*/PS*, an <see cref="ECDsa"/> for ES*. A key of another
    /// kind does not verify.
    /// </summary>
    public bool VerifiesWith(object key)
    {
        string alg = Alg;
        switch (alg[..2], key)
        {
            case ("HS", byte[] secret):
                return CryptographicOperations.FixedTimeEquals(Signatures.Hmac(alg, secret, SigningInput), Signature);
            case ("RS", RSA rsa):
                return rsa.VerifyData(SigningInput, Signature, Signatures.Hash(alg), RSASignaturePadding.Pkcs1);
            case ("PS", RSA rsa):
                return rsa.VerifyData(SigningInput, Signature, Signatures.Hash(alg), RSASignaturePadding.Pss);
            case ("ES", ECDsa ec):
                return ec.VerifyData(SigningInput, Signature, Signatures.Hash(alg), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            default:
                return false;
        }
    }

    public static JsonElement ParseJson(byte[] utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        return document.RootElement.Clone();
    }

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
