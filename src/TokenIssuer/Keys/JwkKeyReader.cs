using System.Security.Cryptography;
using System.Text.Json;

namespace TokenIssuer;

/// <summary>Reads a private JSON Web Key (RFC 7517/7518 §6): <c>RSA</c>, <c>EC</c> or <c>oct</c>.</summary>
internal static class JwkKeyReader
{
    public static SigningKey Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw SigningErrors.BadJwk($"it is not valid JSON ({e.Message})");
        }

        using (document)
        {
            var jwk = document.RootElement;
            if (jwk.ValueKind != JsonValueKind.Object) throw SigningErrors.BadJwk("it must be a JSON object");

            string kty = RequiredString(jwk, "kty");
            string? kid = OptionalString(jwk, "kid");
            JwtAlgorithm? alg = null;
            if (OptionalString(jwk, "alg") is { } algName)
            {
                if (!JwtAlgorithmNames.TryParse(algName, out var parsed)) throw SigningErrors.BadJwk($"its \"alg\" \"{algName}\" is not one of {string.Join(", ", JwtAlgorithmNames.All)}");
                alg = parsed;
            }

            return kty switch
            {
                "oct" => ReadOct(jwk, kid, alg),
                "RSA" => ReadRsa(jwk, kid, alg),
                "EC" => ReadEc(jwk, kid, alg),
                _ => throw SigningErrors.BadJwk($"its \"kty\" \"{kty}\" is not supported: use \"RSA\", \"EC\" or \"oct\""),
            };
        }
    }

    private static SigningKey ReadOct(JsonElement jwk, string? kid, JwtAlgorithm? alg)
    {
        byte[] secret = Bytes(jwk, "k");
        if (secret.Length == 0) throw SigningErrors.EmptySecret();
        return new SymmetricSigningKey(secret, kid, alg);
    }

    private static SigningKey ReadRsa(JsonElement jwk, string? kid, JwtAlgorithm? alg)
    {
        if (!jwk.TryGetProperty("d", out _)) throw SigningErrors.BadJwk("it is a public RSA key (no \"d\"); signing needs the private key");
        byte[] n = Bytes(jwk, "n");
        int half = (n.Length + 1) / 2;
        var parameters = new RSAParameters
        {
            Modulus = n,
            Exponent = Bytes(jwk, "e"),
            D = LeftPad(Bytes(jwk, "d"), n.Length),
            P = LeftPad(Bytes(jwk, "p"), half),
            Q = LeftPad(Bytes(jwk, "q"), half),
            DP = LeftPad(Bytes(jwk, "dp"), half),
            DQ = LeftPad(Bytes(jwk, "dq"), half),
            InverseQ = LeftPad(Bytes(jwk, "qi"), half),
        };
        var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(parameters);
        }
        catch (CryptographicException e)
        {
            rsa.Dispose();
            throw SigningErrors.BadJwk("its RSA parameters do not form a valid key", e);
        }
        return new RsaSigningKey(rsa, isPssKey: false, pssRestriction: null, kid, alg);
    }

    private static SigningKey ReadEc(JsonElement jwk, string? kid, JwtAlgorithm? alg)
    {
        string crv = RequiredString(jwk, "crv");
        ECCurve curve = crv switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            "P-521" => ECCurve.NamedCurves.nistP521,
            _ => throw SigningErrors.BadJwk($"its \"crv\" \"{crv}\" is not supported: use \"P-256\", \"P-384\" or \"P-521\""),
        };
        if (!jwk.TryGetProperty("d", out _)) throw SigningErrors.BadJwk("it is a public EC key (no \"d\"); signing needs the private key");
        int size = crv switch { "P-256" => 32, "P-384" => 48, _ => 66 };
        var parameters = new ECParameters
        {
            Curve = curve,
            Q = new ECPoint { X = LeftPad(Bytes(jwk, "x"), size), Y = LeftPad(Bytes(jwk, "y"), size) },
            D = LeftPad(Bytes(jwk, "d"), size),
        };
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportParameters(parameters);
        }
        catch (CryptographicException e)
        {
            ecdsa.Dispose();
            throw SigningErrors.BadJwk("its EC parameters do not form a valid key", e);
        }
        return new EcdsaSigningKey(ecdsa, kid, alg);
    }

    private static string RequiredString(JsonElement jwk, string name)
        => OptionalString(jwk, name) ?? throw SigningErrors.BadJwk($"it has no \"{name}\" member");

    private static string? OptionalString(JsonElement jwk, string name)
    {
        if (!jwk.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String) throw SigningErrors.BadJwk($"its \"{name}\" member must be a string");
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException e)
        {
            throw SigningErrors.BadJwk($"its \"{name}\" member holds an invalid escape (a lone surrogate)", e);
        }
    }

    private static byte[] Bytes(JsonElement jwk, string name)
        => KeyEncoding.DecodeBase64Url(RequiredString(jwk, name), $"JWK member \"{name}\"");

    private static byte[] LeftPad(byte[] value, int length)
    {
        if (value.Length >= length) return value;
        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return padded;
    }
}
