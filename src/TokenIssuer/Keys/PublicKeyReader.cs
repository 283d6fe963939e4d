using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// Reads the key that checks a signature from a key file: a PEM public key (SubjectPublicKeyInfo,
/// including RSASSA-PSS, or PKCS#1), a certificate, a PEM private key (read by <see cref="PemKeyReader"/>,
/// its public half kept), a JWK (RSA, EC, oct; read with <see cref="JwkMembers"/>) or a JWK set.
/// Messages name the file and never quote key material.
/// </summary>
internal static class PublicKeyReader
{
    private const string Key = "key";

    /// <summary>The first public or private key block of a PEM file at <paramref name="path"/>.</summary>
    public static VerificationKey ReadPem(string text, string path, string? passphrase)
    {
        string where = $"The key file \"{path}\"";
        var block = PemKeyReader.FindBlock(text, label => PemLabels.IsPublicKey(label) || PemLabels.IsPrivateKey(label), out _)
            ?? throw new JwtSigningException(Key,
                $"{where} holds no key: expected a PEM block (PUBLIC KEY, PRIVATE KEY, RSA/EC PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA PUBLIC KEY or CERTIFICATE), or a JWK starting with '{{'.");

        if (PemLabels.IsPrivateKey(block.Label))
        {
            using var privateKey = PemKeyReader.ReadPrivateKey(block, passphrase, keyId: null, where);
            return VerificationKey.FromSigningKey(privateKey);
        }
        try
        {
            return block.Label switch
            {
                PemLabels.SubjectPublicKeyInfo => ReadSubjectPublicKeyInfo(block.Der, path),
                PemLabels.Pkcs1Public => Rsa(rsa => rsa.ImportRSAPublicKey(block.Der, out _)),
                _ => ReadCertificate(block.Der, path),
            };
        }
        catch (Exception e) when (PemKeyReader.IsUnreadableKey(e))
        {
            throw new JwtSigningException(Key, $"{where} has a \"{block.Label}\" block that is not a valid key: {e.Message}", e);
        }
    }

    /// <summary>SubjectPublicKeyInfo; .NET does not import id-RSASSA-PSS keys, so their RSAPublicKey is taken out here.</summary>
    private static VerificationKey ReadSubjectPublicKeyInfo(byte[] der, string path)
    {
        var info = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        string oid = info.ReadSequence().ReadObjectIdentifier();
        switch (oid)
        {
            case KeyOids.RsaEncryption:
                return Rsa(rsa => rsa.ImportSubjectPublicKeyInfo(der, out _));
            case KeyOids.EcPublicKey:
                return Ecdsa(ecdsa => ecdsa.ImportSubjectPublicKeyInfo(der, out _));
            case KeyOids.RsaPss:
                byte[] rsaPublicKey = info.ReadBitString(out _);
                return Rsa(rsa => rsa.ImportRSAPublicKey(rsaPublicKey, out _), pssOnly: true);
            default:
                throw new JwtSigningException(Key,
                    $"The key in \"{path}\" is of a type TokenIssuer does not verify (algorithm {KeyOids.KeyTypeName(oid)}): use an RSA, RSASSA-PSS or EC ({EcCurves.JoseP256}, {EcCurves.JoseP384}, {EcCurves.JoseP521}) key.");
        }
    }

    private static VerificationKey ReadCertificate(byte[] der, string path)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        if (certificate.GetRSAPublicKey() is { } rsa) return VerificationKey.FromRsa(rsa, pssOnly: false);
        if (certificate.GetECDsaPublicKey() is { } ecdsa) return VerificationKey.FromECDsa(ecdsa);
        throw new JwtSigningException(Key, $"The certificate in \"{path}\" has neither an RSA nor an EC key.");
    }

    // ---- JWK ----------------------------------------------------------------------------------------

    private static readonly JsonDocumentOptions JwkJson = new() { MaxDepth = 64 };

    /// <summary>
    /// A JWK, or the key of a JWK set (<c>{"keys": [...]}</c>) whose <c>kid</c> is <paramref name="keyId"/>
    /// (the only key when the set has one). Private members, if any, are not used.
    /// </summary>
    public static VerificationKey ReadJwk(string json, string path, string? keyId)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, JwkJson);
        }
        catch (JsonException e)
        {
            throw new JwtSigningException(Key, $"The key file \"{path}\" is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new JwtSigningException(Key, $"The key file \"{path}\" must hold a JWK object or a JWK set.");
            if (root.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array)
            {
                root = SelectFromSet(keys, path, keyId);
            }
            return ReadJwk(new JwkMembers(root, (reason, inner) => inner is null
                ? new JwtSigningException(Key, $"The JWK in \"{path}\" is not a usable key: {reason}.")
                : new JwtSigningException(Key, $"The JWK in \"{path}\" is not a usable key: {reason}.", inner)));
        }
    }

    private static VerificationKey ReadJwk(JwkMembers jwk)
    {
        string kty = jwk.KeyType();
        if (kty == "oct") return VerificationKey.FromSecret(jwk.Secret());
        try
        {
            if (kty == "RSA")
            {
                var rsa = jwk.RsaPublicParameters();
                return Rsa(key => key.ImportParameters(rsa));
            }
            var curve = jwk.EcCurve(out int size);
            var ec = new ECParameters { Curve = curve, Q = jwk.EcPoint(size) };
            return Ecdsa(key => key.ImportParameters(ec));
        }
        catch (Exception e) when (PemKeyReader.IsUnreadableKey(e))
        {
            throw jwk.Fail($"its {kty} parameters do not form a valid key", e);
        }
    }

    private static JsonElement SelectFromSet(JsonElement keys, string path, string? keyId)
    {
        var all = keys.EnumerateArray().Where(key => key.ValueKind == JsonValueKind.Object).ToList();
        if (keyId is not null)
        {
            foreach (var key in all)
            {
                if (key.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String && kid.ValueEquals(keyId)) return key;
            }
        }
        if (all.Count == 1) return all[0];
        throw new JwtSigningException(Key, keyId is null
            ? $"The JWK set in \"{path}\" has {all.Count} keys and the token has no kid to choose one."
            : $"The JWK set in \"{path}\" has no key with kid \"{keyId}\".");
    }

    private static VerificationKey Rsa(Action<RSA> import, bool pssOnly = false)
        => VerificationKey.FromRsa(KeyImport.Into(RSA.Create(), import), pssOnly);

    private static VerificationKey Ecdsa(Action<ECDsa> import)
        => VerificationKey.FromECDsa(KeyImport.Into(ECDsa.Create(), import));
}
