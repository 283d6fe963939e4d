using System.Buffers.Text;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using TokenIssuer.Cli.Arguments;

namespace TokenIssuer.Cli.Verification;

/// <summary>
/// Reads the key that <c>decode</c> verifies with: a secret, or a key file holding a PEM public key
/// (SPKI, including RSASSA-PSS, or PKCS#1), a certificate, a PEM private key (PKCS#8, PKCS#1, SEC1,
/// encrypted PKCS#8), a JWK (RSA, EC, oct) or a JWK set (the key whose kid is the token's).
/// </summary>
internal static class VerificationKeyReader
{
    private const string RsaEncryptionOid = "1.2.840.113549.1.1.1";
    private const string RsaPssOid = "1.2.840.113549.1.1.10";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    private static readonly string[] Labels =
        ["PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"];

    public static VerificationKey Read(KeySource source, string? tokenKeyId)
    {
        switch (source.Kind)
        {
            case KeySourceKind.Secret:
                return Secret(Encoding.UTF8.GetBytes(source.Value));
            case KeySourceKind.Base64Secret:
                return Secret(DecodeBase64(source.Value.Trim(), "--secret-base64"));
            default:
                string text = KeySourceOptions.ReadKeyFile(source.Value);
                return KeySource.LooksLikeJson(text)
                    ? ReadJwk(text, source.Value, tokenKeyId)
                    : ReadPem(text, source.Value, source.Passphrase);
        }
    }

    private static VerificationKey Secret(byte[] secret)
        => secret.Length > 0 ? new HmacVerificationKey(secret) : throw new CliInputException("The secret is empty.");

    // ---- PEM ----------------------------------------------------------------------------------------

    private static VerificationKey ReadPem(string text, string path, string? passphrase)
    {
        ReadOnlySpan<char> rest = text;
        while (PemEncoding.TryFind(rest, out var fields))
        {
            string label = rest[fields.Label].ToString();
            if (Labels.Contains(label))
            {
                byte[] der = Convert.FromBase64String(rest[fields.Base64Data].ToString());
                try
                {
                    return ReadDer(label, der, path, passphrase);
                }
                catch (Exception e) when (e is CryptographicException or AsnContentException)
                {
                    throw new CliInputException($"The key file \"{path}\" has a \"{label}\" block that is not a valid key: {e.Message}");
                }
            }
            rest = rest[fields.Location.End..];
        }
        throw new CliInputException(
            $"The key file \"{path}\" holds no key: expected a PEM block (PUBLIC KEY, PRIVATE KEY, RSA/EC PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA PUBLIC KEY or CERTIFICATE), or a JWK starting with '{{'.");
    }

    private static VerificationKey ReadDer(string label, byte[] der, string path, string? passphrase)
    {
        switch (label)
        {
            case "PUBLIC KEY":
                return ReadSubjectPublicKeyInfo(der, path);
            case "RSA PUBLIC KEY":
                return Rsa(rsa => rsa.ImportRSAPublicKey(der, out _));
            case "CERTIFICATE":
                using (var certificate = X509CertificateLoader.LoadCertificate(der))
                {
                    if (certificate.GetRSAPublicKey() is { } rsa) return new RsaVerificationKey(rsa, pssOnly: false);
                    if (certificate.GetECDsaPublicKey() is { } ecdsa) return new EcdsaVerificationKey(ecdsa);
                    throw new CliInputException($"The certificate in \"{path}\" has neither an RSA nor an EC key.");
                }
            case "PRIVATE KEY":
                return ReadPkcs8(der, path);
            case "RSA PRIVATE KEY":
                return Rsa(rsa => rsa.ImportRSAPrivateKey(der, out _));
            case "EC PRIVATE KEY":
                return Ecdsa(ecdsa => ecdsa.ImportECPrivateKey(der, out _));
            default:
                if (passphrase is null)
                {
                    throw new CliInputException($"The key file \"{path}\" holds an encrypted private key: give its passphrase with --passphrase-env NAME.");
                }
                try
                {
                    return Rsa(rsa => rsa.ImportEncryptedPkcs8PrivateKey(passphrase, der, out _));
                }
                catch (CryptographicException)
                {
                    try
                    {
                        return Ecdsa(ecdsa => ecdsa.ImportEncryptedPkcs8PrivateKey(passphrase, der, out _));
                    }
                    catch (CryptographicException)
                    {
                        throw new CliInputException($"The encrypted private key in \"{path}\" could not be decrypted: the passphrase is wrong, or the key is neither RSA nor EC.");
                    }
                }
        }
    }

    /// <summary>SubjectPublicKeyInfo; .NET does not import id-RSASSA-PSS keys, so their RSAPublicKey is taken out here.</summary>
    private static VerificationKey ReadSubjectPublicKeyInfo(byte[] der, string path)
    {
        var info = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        string oid = info.ReadSequence().ReadObjectIdentifier();
        switch (oid)
        {
            case RsaEncryptionOid:
                return Rsa(rsa => rsa.ImportSubjectPublicKeyInfo(der, out _));
            case EcPublicKeyOid:
                return Ecdsa(ecdsa => ecdsa.ImportSubjectPublicKeyInfo(der, out _));
            case RsaPssOid:
                byte[] rsaPublicKey = info.ReadBitString(out _);
                return Rsa(rsa => rsa.ImportRSAPublicKey(rsaPublicKey, out _), pssOnly: true);
            default:
                throw UnsupportedKeyType(path, oid);
        }
    }

    private static VerificationKey ReadPkcs8(byte[] der, string path)
    {
        var info = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
        info.ReadInteger();
        string oid = info.ReadSequence().ReadObjectIdentifier();
        switch (oid)
        {
            case RsaEncryptionOid:
                return Rsa(rsa => rsa.ImportPkcs8PrivateKey(der, out _));
            case EcPublicKeyOid:
                return Ecdsa(ecdsa => ecdsa.ImportPkcs8PrivateKey(der, out _));
            case RsaPssOid:
                byte[] rsaPrivateKey = info.ReadOctetString();
                return Rsa(rsa => rsa.ImportRSAPrivateKey(rsaPrivateKey, out _), pssOnly: true);
            default:
                throw UnsupportedKeyType(path, oid);
        }
    }

    private static CliInputException UnsupportedKeyType(string path, string oid)
        => new($"The key in \"{path}\" is of a type TokenIssuer does not verify (algorithm {oid}): use an RSA, RSASSA-PSS or EC (P-256, P-384, P-521) key.");

    private static VerificationKey Rsa(Action<RSA> import, bool pssOnly = false)
    {
        var rsa = RSA.Create();
        try
        {
            import(rsa);
            return new RsaVerificationKey(rsa, pssOnly);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static VerificationKey Ecdsa(Action<ECDsa> import)
    {
        var ecdsa = System.Security.Cryptography.ECDsa.Create();
        try
        {
            import(ecdsa);
            return new EcdsaVerificationKey(ecdsa);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    // ---- JWK ----------------------------------------------------------------------------------------

    private static VerificationKey ReadJwk(string json, string path, string? tokenKeyId)
    {
        using var document = JsonArgument.Parse(json, $"The key file \"{path}\"");
        var jwk = document.RootElement;
        if (jwk.ValueKind != JsonValueKind.Object) throw new CliInputException($"The key file \"{path}\" must hold a JWK object or a JWK set.");
        if (jwk.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array)
        {
            jwk = SelectFromSet(keys, path, tokenKeyId);
        }

        string kty = Member(jwk, "kty", path);
        try
        {
            switch (kty)
            {
                case "oct":
                    return Secret(DecodeBase64Url(Member(jwk, "k", path), "\"k\""));
                case "RSA":
                    var rsa = new RSAParameters
                    {
                        Modulus = DecodeBase64Url(Member(jwk, "n", path), "\"n\""),
                        Exponent = DecodeBase64Url(Member(jwk, "e", path), "\"e\""),
                    };
                    return Rsa(key => key.ImportParameters(rsa));
                case "EC":
                    string crv = Member(jwk, "crv", path);
                    var ec = new ECParameters
                    {
                        Curve = crv switch
                        {
                            "P-256" => ECCurve.NamedCurves.nistP256,
                            "P-384" => ECCurve.NamedCurves.nistP384,
                            "P-521" => ECCurve.NamedCurves.nistP521,
                            _ => throw new CliInputException($"The JWK in \"{path}\" is on curve \"{crv}\": use P-256, P-384 or P-521."),
                        },
                        Q = new ECPoint
                        {
                            X = DecodeBase64Url(Member(jwk, "x", path), "\"x\""),
                            Y = DecodeBase64Url(Member(jwk, "y", path), "\"y\""),
                        },
                    };
                    return Ecdsa(key => key.ImportParameters(ec));
                default:
                    throw new CliInputException($"The JWK in \"{path}\" has \"kty\" \"{kty}\": use \"RSA\", \"EC\" or \"oct\".");
            }
        }
        catch (CryptographicException e)
        {
            throw new CliInputException($"The JWK in \"{path}\" is not a valid {kty} key: {e.Message}");
        }
    }

    private static JsonElement SelectFromSet(JsonElement keys, string path, string? tokenKeyId)
    {
        var all = keys.EnumerateArray().Where(key => key.ValueKind == JsonValueKind.Object).ToList();
        if (tokenKeyId is not null)
        {
            foreach (var key in all)
            {
                if (key.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String && kid.GetString() == tokenKeyId) return key;
            }
        }
        if (all.Count == 1) return all[0];
        throw new CliInputException(tokenKeyId is null
            ? $"The JWK set in \"{path}\" has {all.Count} keys and the token has no kid to choose one."
            : $"The JWK set in \"{path}\" has no key with kid \"{tokenKeyId}\".");
    }

    private static string Member(JsonElement jwk, string name, string path)
        => jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new CliInputException($"The JWK in \"{path}\" has no \"{name}\" string.");

    private static byte[] DecodeBase64Url(string text, string what)
    {
        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            throw new CliInputException($"The JWK member {what} is not base64url.");
        }
    }

    private static byte[] DecodeBase64(string text, string what)
    {
        string normalized = text.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        normalized += new string('=', (4 - normalized.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(normalized);
        }
        catch (FormatException)
        {
            throw new CliInputException($"{what} is not valid base64 or base64url.");
        }
    }
}
