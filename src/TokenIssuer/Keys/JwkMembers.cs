using System.Security.Cryptography;
using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// Reads the members of one JWK object (RFC 7517/7518 §6). Every error is made by <c>fail</c> from a
/// reason ("it has no \"n\" member"), so that the signing and the verifying readers each say which key
/// they mean; no reason ever quotes a member's value.
/// </summary>
internal readonly struct JwkMembers(JsonElement jwk, Func<string, Exception?, Exception> fail)
{
    public Exception Fail(string reason, Exception? inner = null) => fail(reason, inner);

    public bool Has(string name) => jwk.TryGetProperty(name, out _);

    public string Required(string name) => Optional(name) ?? throw fail($"it has no \"{name}\" member", null);

    public string? Optional(string name)
    {
        if (!jwk.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String) throw fail($"its \"{name}\" member must be a string", null);
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException e)
        {
            throw fail($"its \"{name}\" member holds an invalid escape (a lone surrogate)", e);
        }
    }

    /// <summary>The bytes of a base64url member.</summary>
    public byte[] Bytes(string name) => KeyEncoding.DecodeBase64Url(Required(name), $"JWK member \"{name}\"");

    /// <summary>The bytes of a base64url member, left-padded with zeros to <paramref name="length"/> (some writers drop leading zeros).</summary>
    public byte[] Bytes(string name, int length)
    {
        byte[] value = Bytes(name);
        if (value.Length >= length) return value;
        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return padded;
    }

    /// <summary>The <c>kty</c> member: "RSA", "EC" or "oct".</summary>
    public string KeyType()
    {
        string kty = Required("kty");
        return kty is "RSA" or "EC" or "oct"
            ? kty
            : throw fail($"its \"kty\" {SensitiveText.QuoteShort(kty)} is not supported: use \"RSA\", \"EC\" or \"oct\"", null);
    }

    /// <summary>An <c>oct</c> key's secret (<c>k</c>), which must not be empty.</summary>
    public byte[] Secret()
    {
        byte[] secret = Bytes("k");
        return secret.Length > 0 ? secret : throw SigningErrors.EmptySecret();
    }

    /// <summary>An RSA key's public parameters (<c>n</c>, <c>e</c>).</summary>
    public RSAParameters RsaPublicParameters() => new() { Modulus = Bytes("n"), Exponent = Bytes("e") };

    /// <summary>An EC key's curve (<c>crv</c>: P-256, P-384 or P-521); <paramref name="fieldSize"/> is the bytes of a coordinate.</summary>
    public ECCurve EcCurve(out int fieldSize)
    {
        string crv = Required("crv");
        return EcCurves.TryFromJoseName(crv, out var curve, out fieldSize)
            ? curve
            : throw fail($"its \"crv\" {SensitiveText.QuoteShort(crv)} is not supported: use \"{EcCurves.JoseP256}\", \"{EcCurves.JoseP384}\" or \"{EcCurves.JoseP521}\"", null);
    }

    /// <summary>An EC key's public point (<c>x</c>, <c>y</c>), each coordinate <paramref name="fieldSize"/> bytes.</summary>
    public ECPoint EcPoint(int fieldSize) => new() { X = Bytes("x", fieldSize), Y = Bytes("y", fieldSize) };
}
