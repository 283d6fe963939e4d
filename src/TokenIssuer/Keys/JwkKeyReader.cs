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
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw SigningErrors.BadJwk("it must be a JSON object");
            var jwk = new JwkMembers(document.RootElement, SigningErrors.BadJwk);

            string kty = jwk.Required("kty");
            string? kid = jwk.Optional("kid");
            JwtAlgorithm? alg = null;
            if (jwk.Optional("alg") is { } algName)
            {
                if (!JwtAlgorithmNames.TryParse(algName, out var parsed)) throw SigningErrors.BadJwk($"its \"alg\" {SensitiveText.QuoteShort(algName)} is not one of {string.Join(", ", JwtAlgorithmNames.All)}");
                alg = parsed;
            }

            return jwk.KeyType() switch
            {
                "oct" => new SymmetricSigningKey(jwk.Secret(), kid, alg),
                "RSA" => ReadRsa(jwk, kid, alg),
                _ => ReadEc(jwk, kid, alg),
            };
        }
    }

    private static SigningKey ReadRsa(JwkMembers jwk, string? kid, JwtAlgorithm? alg)
    {
        if (!jwk.Has("d")) throw SigningErrors.BadJwk("it is a public RSA key (no \"d\"); signing needs the private key");
        var parameters = jwk.RsaPublicParameters();
        int length = parameters.Modulus!.Length;
        int half = (length + 1) / 2;
        parameters.D = jwk.Bytes("d", length);
        parameters.P = jwk.Bytes("p", half);
        parameters.Q = jwk.Bytes("q", half);
        parameters.DP = jwk.Bytes("dp", half);
        parameters.DQ = jwk.Bytes("dq", half);
        parameters.InverseQ = jwk.Bytes("qi", half);
        return new RsaSigningKey(Import(RSA.Create(), rsa => rsa.ImportParameters(parameters), "RSA"), isPssKey: false, pssRestriction: null, kid, alg);
    }

    private static SigningKey ReadEc(JwkMembers jwk, string? kid, JwtAlgorithm? alg)
    {
        var curve = jwk.EcCurve(out int size);
        if (!jwk.Has("d")) throw SigningErrors.BadJwk("it is a public EC key (no \"d\"); signing needs the private key");
        var parameters = new ECParameters { Curve = curve, Q = jwk.EcPoint(size), D = jwk.Bytes("d", size) };
        return new EcdsaSigningKey(Import(ECDsa.Create(), ecdsa => ecdsa.ImportParameters(parameters), "EC"), kid, alg);
    }

    private static T Import<T>(T key, Action<T> import, string kty) where T : AsymmetricAlgorithm
    {
        try
        {
            return KeyImport.Into(key, import);
        }
        catch (CryptographicException e)
        {
            throw SigningErrors.BadJwk($"its {kty} parameters do not form a valid key", e);
        }
    }
}
