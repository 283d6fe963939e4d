using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace TokenIssuer;

/// <summary>
/// A legacy ("traditional") encrypted PEM: <c>-----BEGIN RSA PRIVATE KEY-----</c> (or <c>EC</c>, <c>DSA</c>)
/// followed by the RFC 1421 headers <c>Proc-Type: 4,ENCRYPTED</c> and <c>DEK-Info: CIPHER,IV</c>, as
/// <c>openssl genrsa -aes256</c> and <c>openssl ec -aes256</c> write it. RFC 7468 (and so .NET's PEM
/// reader) has no headers, so such a block is found here and decrypted as OpenSSL does: the cipher key
/// from <see cref="OpenSslKeyDerivation.BytesToKey"/> over the passphrase and the IV's first 8 bytes,
/// then CBC with PKCS#7 padding; inside is the PKCS#1 or SEC1 key its label names.
/// </summary>
internal sealed partial class LegacyEncryptedPem
{
    private LegacyEncryptedPem(string label, string cipher, string iv, string body)
    {
        Label = label;
        Cipher = cipher;
        _iv = iv;
        _body = body;
    }

    private readonly string _iv;
    private readonly string _body;

    /// <summary>The block's label: <c>RSA PRIVATE KEY</c>, <c>EC PRIVATE KEY</c> or <c>DSA PRIVATE KEY</c>.</summary>
    public string Label { get; }

    /// <summary>The DEK-Info cipher name as written (<c>AES-256-CBC</c>, <c>DES-EDE3-CBC</c>, …).</summary>
    public string Cipher { get; }

    /// <summary>The first legacy encrypted block in <paramref name="text"/>, or null.</summary>
    public static LegacyEncryptedPem? Find(string text)
    {
        var match = Block().Match(text);
        return match.Success
            ? new LegacyEncryptedPem(match.Groups["label"].Value, match.Groups["cipher"].Value.Trim().ToUpperInvariant(), match.Groups["iv"].Value, match.Groups["body"].Value)
            : null;
    }

    /// <summary>Whether the cipher is one this reader decrypts.</summary>
    public bool IsSupportedCipher => KeyLength(Cipher) > 0;

    /// <summary>
    /// The inner DER key. Throws <see cref="CryptographicException"/> when the padding is wrong (almost
    /// always a wrong passphrase) and <see cref="FormatException"/> when the IV or body is not hex/base64.
    /// </summary>
    public byte[] Decrypt(string passphrase)
    {
        int keyLength = KeyLength(Cipher);
        bool des = Cipher == "DES-EDE3-CBC";
        byte[] iv = Convert.FromHexString(_iv);
        if (iv.Length != (des ? 8 : 16)) throw new CryptographicException("The DEK-Info IV has the wrong length for its cipher.");
        byte[] cipherText = Convert.FromBase64String(_body);
        byte[] pass = Encoding.UTF8.GetBytes(passphrase);
        byte[] key = OpenSslKeyDerivation.BytesToKey(pass, iv.AsSpan(0, 8), keyLength);
        try
        {
            using SymmetricAlgorithm algorithm = des ? TripleDES.Create() : Aes.Create();
            algorithm.Key = key;
            return algorithm.DecryptCbc(cipherText, iv, PaddingMode.PKCS7);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(pass);
        }
    }

    private static int KeyLength(string cipher) => cipher switch
    {
        "AES-128-CBC" => 16,
        "AES-192-CBC" => 24,
        "AES-256-CBC" => 32,
        "DES-EDE3-CBC" => 24,
        _ => 0,
    };

    // Headers may come in either order and other RFC 1421 headers may sit between them; the body is
    // everything up to the matching END line. Line ends may be LF or CRLF.
    [GeneratedRegex(
        @"-----BEGIN (?<label>(?:RSA|EC|DSA) PRIVATE KEY)-----\r?\n" +
        @"(?=(?:[^\r\n]+\r?\n)*?Proc-Type:[ \t]*4,ENCRYPTED[ \t]*\r?\n)" +
        @"(?=(?:[^\r\n]+\r?\n)*?DEK-Info:[ \t]*(?<cipher>[A-Za-z0-9-]+)[ \t]*,[ \t]*(?<iv>[0-9A-Fa-f]*)[ \t]*\r?\n)" +
        @"(?:[^\r\n]+:[^\r\n]*\r?\n)+\r?\n" +
        @"(?<body>[A-Za-z0-9+/=\s]*?)" +
        @"-----END \k<label>-----",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Block();
}
