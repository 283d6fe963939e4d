using System.Formats.Asn1;
using System.Security.Cryptography;

namespace TokenIssuer;

/// <summary>
/// Reads private keys from PEM text: PKCS#8 (RSA, EC and RSASSA-PSS), PKCS#1, SEC1, encrypted PKCS#8,
/// and legacy encrypted PKCS#1/SEC1 (<see cref="LegacyEncryptedPem"/>). EC keys written with explicit
/// curve parameters are taken as the named curve those parameters describe.
/// .NET does not import <c>id-RSASSA-PSS</c> PKCS#8 keys itself, so those are taken apart with
/// System.Formats.Asn1 and their PSS parameters kept for the key checks.
/// </summary>
internal static class PemKeyReader
{
    /// <summary>Reads the first private key in <paramref name="text"/>, or explains why there is none.</summary>
    public static SigningKey Read(string text, string? passphrase, string? keyId, string? source = null)
    {
        string where = Where(source);
        var block = FindBlock(text, PemLabels.IsPrivateKey, out string? otherLabel);
        if (block is null)
        {
            // A legacy encrypted block has RFC 1421 headers, which RFC 7468 readers do not see as PEM.
            if (LegacyEncryptedPem.Find(text) is { } legacy) return ReadLegacy(legacy, passphrase, keyId, where);
            if (FindBlock(text, PemLabels.IsOtherPrivateKey, out _) is { } other) throw OtherPrivateKey(where, other.Label);
            if (otherLabel is not null) throw SigningErrors.NotAPrivateKeyPem(where, otherLabel);
            if (text.Contains("Proc-Type:", StringComparison.Ordinal) && text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            {
                throw SigningErrors.LegacyEncryptedHeadersUnreadable(where);
            }
            if (text.Contains("\\n", StringComparison.Ordinal) && text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                throw SigningErrors.PemWithEscapedNewlines(where);
            }
            throw SigningErrors.NoPemBlock(where);
        }
        return ReadPrivateKey(block.Value, passphrase, keyId, where);
    }

    private static string Where(string? source) => source is null ? "The PEM text" : $"The key file \"{source}\"";

    /// <summary>The private key in a block whose label <see cref="PemLabels.IsPrivateKey"/>; <paramref name="where"/> starts the messages.</summary>
    public static SigningKey ReadPrivateKey(PemBlock block, string? passphrase, string? keyId, string where)
    {
        var (label, der) = block;
        try
        {
            return label switch
            {
                PemLabels.Pkcs8 => ReadPkcs8(der, keyId, where),
                PemLabels.Pkcs1 => ImportRsaPkcs1(der, keyId),
                PemLabels.Sec1 => ImportSec1(der, keyId),
                _ => ReadEncryptedPkcs8(der, passphrase, keyId, where),
            };
        }
        catch (Exception e) when (IsUnreadableKey(e))
        {
            throw SigningErrors.UnreadablePrivateKey(where, label, e);
        }
    }

    /// <summary>
    /// What the platform throws for key bytes it cannot use: malformed encodings, and curves or parameters
    /// it does not support (an EC key on an unknown curve is a PlatformNotSupportedException).
    /// </summary>
    public static bool IsUnreadableKey(Exception e)
        => e is CryptographicException or AsnContentException or PlatformNotSupportedException or NotSupportedException;

    /// <summary>
    /// jsonwebtoken's test: the private key when <paramref name="text"/> is a PEM private key that
    /// parses without a passphrase; null when the text is no private key at all (a public key, a
    /// certificate, a PEM whose body is damaged), and the caller then treats it as a secret. A private key
    /// of any other kind (encrypted, DSA, OpenSSH, Ed25519, …) is an error rather than a secret: signing
    /// with the text of a private key as an HMAC secret is never what was meant.
    /// </summary>
    public static SigningKey? TryReadPrivateKey(string text)
    {
        string where = Where(source: null);
        var block = FindBlock(text, PemLabels.IsPrivateKey, out _);
        if (block is null)
        {
            if (LegacyEncryptedPem.Find(text) is not null) throw SigningErrors.EncryptedKeyAsString(where);
            if (FindBlock(text, PemLabels.IsOtherPrivateKey, out _) is { } other && IsWellFormed(other)) throw OtherPrivateKey(where, other.Label);
            return null;
        }
        if (block.Value.Label == PemLabels.EncryptedPkcs8)
        {
            return IsWellFormed(block.Value) ? throw SigningErrors.EncryptedKeyAsString(where) : null;
        }
        try
        {
            return Read(text, passphrase: null, keyId: null);
        }
        catch (JwtSigningException e) when (e.InnerException is { } inner && IsUnreadableKey(inner))
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a block's bytes have the shape of its label (so it is a key, not a damaged paste): the
    /// OpenSSH magic for <c>OPENSSH PRIVATE KEY</c>, one whole DER SEQUENCE otherwise.
    /// </summary>
    private static bool IsWellFormed(PemBlock block)
    {
        if (block.Label == PemLabels.OpenSsh) return block.Der.AsSpan().StartsWith("openssh-key-v1\0"u8);
        try
        {
            var reader = new AsnReader(block.Der, AsnEncodingRules.BER);
            reader.ReadSequence();
            return !reader.HasData;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>The error for a private key in a format TokenIssuer does not sign with.</summary>
    private static JwtSigningException OtherPrivateKey(string where, string label) => label switch
    {
        PemLabels.Dsa => SigningErrors.UnsupportedKeyType(where, KeyOids.KeyTypeName(KeyOids.Dsa)),
        PemLabels.OpenSsh => SigningErrors.OpenSshPrivateKey(where),
        _ => SigningErrors.UnsupportedPrivateKeyFormat(where, label),
    };

    /// <summary>A legacy encrypted PEM (<see cref="LegacyEncryptedPem"/>) decrypted with <paramref name="passphrase"/>.</summary>
    private static SigningKey ReadLegacy(LegacyEncryptedPem legacy, string? passphrase, string? keyId, string where)
    {
        if (legacy.Label == PemLabels.Dsa) throw SigningErrors.UnsupportedKeyType(where, KeyOids.KeyTypeName(KeyOids.Dsa));
        if (!legacy.IsSupportedCipher) throw SigningErrors.LegacyCipherNotSupported(where, legacy.Cipher);
        if (passphrase is null) throw SigningErrors.EncryptedKeyWithoutPassphrase(where);
        byte[] der;
        try
        {
            der = legacy.Decrypt(passphrase);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw SigningErrors.LegacyKeyNotDecrypted(where, legacy.Label);
        }
        try
        {
            return legacy.Label == PemLabels.Pkcs1 ? ImportRsaPkcs1(der, keyId) : ImportSec1(der, keyId);
        }
        catch (Exception e) when (IsUnreadableKey(e))
        {
            // A wrong passphrase passes the padding check about once in 256 tries; the key inside then does not parse.
            throw SigningErrors.LegacyKeyNotDecrypted(where, legacy.Label);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>
    /// The first block whose label is <paramref name="wanted"/> and whose base64 decodes; the label of the
    /// first other block found, when there is none.
    /// </summary>
    public static PemBlock? FindBlock(string text, Func<string, bool> wanted, out string? otherLabel)
    {
        otherLabel = null;
        ReadOnlySpan<char> rest = text;
        while (PemEncoding.TryFind(rest, out PemFields fields))
        {
            string label = rest[fields.Label].ToString();
            if (wanted(label))
            {
                var der = new byte[fields.DecodedDataLength];
                if (Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out int written))
                {
                    return new PemBlock(label, der[..written]);
                }
            }
            else
            {
                otherLabel ??= label;
            }
            rest = rest[fields.Location.End..];
        }
        return null;
    }

    private static SigningKey ReadPkcs8(byte[] der, string? keyId, string where)
    {
        var info = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
        info.ReadInteger();
        var algorithm = info.ReadSequence();
        string oid = algorithm.ReadObjectIdentifier();
        switch (oid)
        {
            case KeyOids.RsaEncryption:
                return new RsaSigningKey(KeyImport.Into(RSA.Create(), rsa => rsa.ImportPkcs8PrivateKey(der, out _)), isPssKey: false, pssRestriction: null, keyId);
            case KeyOids.EcPublicKey:
                return Ec(KeyImport.Into(ECDsa.Create(), ecdsa => ecdsa.ImportPkcs8PrivateKey(der, out _)), keyId);
            case KeyOids.RsaPss:
            {
                RsaPssRestriction? restriction = algorithm.HasData ? ReadPssParameters(algorithm.ReadSequence()) : null;
                byte[] pkcs1 = info.ReadOctetString();
                return new RsaSigningKey(KeyImport.Into(RSA.Create(), rsa => rsa.ImportRSAPrivateKey(pkcs1, out _)), isPssKey: true, restriction, keyId);
            }
            default:
                throw SigningErrors.UnsupportedKeyType(where, KeyOids.KeyTypeName(oid));
        }
    }

    /// <summary>RSASSA-PSS-params (RFC 4055): every field optional, defaults SHA-1, MGF1-SHA-1, salt 20.</summary>
    private static RsaPssRestriction ReadPssParameters(AsnReader parameters)
    {
        string hash = "sha1", mgfHash = "sha1";
        int salt = 20;
        var hashTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        var mgfTag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
        var saltTag = new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true);

        if (parameters.HasData && parameters.PeekTag().HasSameClassAndValue(hashTag))
        {
            hash = KeyOids.HashName(parameters.ReadSequence(hashTag).ReadSequence().ReadObjectIdentifier());
        }
        if (parameters.HasData && parameters.PeekTag().HasSameClassAndValue(mgfTag))
        {
            var mgf = parameters.ReadSequence(mgfTag).ReadSequence();
            if (mgf.ReadObjectIdentifier() != KeyOids.Mgf1) throw new CryptographicException("Unsupported mask generation function.");
            mgfHash = KeyOids.HashName(mgf.ReadSequence().ReadObjectIdentifier());
        }
        if (parameters.HasData && parameters.PeekTag().HasSameClassAndValue(saltTag))
        {
            // A salt length beyond int is not a key anyone can sign with; treat it as unreadable.
            if (!parameters.ReadSequence(saltTag).TryReadInt32(out salt) || salt < 0) throw new CryptographicException("The RSASSA-PSS salt length is out of range.");
        }
        return new RsaPssRestriction(hash, mgfHash, salt);
    }

    private static SigningKey ImportRsaPkcs1(byte[] der, string? keyId)
        => new RsaSigningKey(KeyImport.Into(RSA.Create(), rsa => rsa.ImportRSAPrivateKey(der, out _)), isPssKey: false, pssRestriction: null, keyId);

    private static SigningKey ImportSec1(byte[] der, string? keyId)
        => Ec(KeyImport.Into(ECDsa.Create(), ecdsa => ecdsa.ImportECPrivateKey(der, out _)), keyId);

    /// <summary>An EC key on its named curve when its explicit parameters are one (<see cref="EcCurves.WithNamedCurve"/>).</summary>
    private static EcdsaSigningKey Ec(ECDsa ecdsa, string? keyId)
    {
        try
        {
            return new EcdsaSigningKey(EcCurves.WithNamedCurve(ecdsa), keyId);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    private static SigningKey ReadEncryptedPkcs8(byte[] der, string? passphrase, string? keyId, string where)
    {
        if (passphrase is null) throw SigningErrors.EncryptedKeyWithoutPassphrase(where);

        // The key type is inside the encrypted part, so try RSA first and EC second.
        var rsa = RSA.Create();
        try
        {
            rsa.ImportEncryptedPkcs8PrivateKey(passphrase, der, out _);
            return new RsaSigningKey(rsa, isPssKey: false, pssRestriction: null, keyId);
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportEncryptedPkcs8PrivateKey(passphrase, der, out _);
            return Ec(ecdsa, keyId);
        }
        catch (CryptographicException)
        {
            ecdsa.Dispose();
            throw SigningErrors.EncryptedKeyNotDecrypted(where);
        }
    }
}
