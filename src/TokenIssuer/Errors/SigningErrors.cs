namespace TokenIssuer;

/// <summary>
/// Every error message of the signing engine, in one catalogue (one file per topic: this one holds the
/// errors of reading keys; SigningErrors.Algorithms.cs, .Payload.cs and .Options.cs the others). Each
/// message starts with jsonwebtoken 9.0.3's own wording where it has one (so its users recognise it),
/// then says how to fix the problem. No message ever includes key material.
/// </summary>
internal static partial class SigningErrors
{
    private const string Key = "key";
    private const string Payload = "payload";

    public static JwtSigningException EmptySecret() => new(Key,
        "secretOrPrivateKey must have a value: the secret is empty. Give a secret (at least as long as the hash: 32 bytes for HS256) or a private key.");

    public static JwtSigningException BadBase64(string what) => new(Key,
        $"The {what} is not valid base64 or base64url. Check it was copied whole, without quotes or line breaks.");

    public static JwtSigningException NotAPrivateKeyPem(string where, string label) => new(Key,
        $"{where} holds a \"{label}\" block, not a private key. Signing needs the private key (\"-----BEGIN PRIVATE KEY-----\"); a public key or certificate can only verify.");

    public static JwtSigningException PemWithEscapedNewlines(string where) => new(Key,
        $"{where} contains literal \"\\n\" sequences instead of line breaks (common when a PEM is kept in an environment variable). Replace them with real newlines.");

    public static JwtSigningException NoPemBlock(string where) => new(Key,
        $"{where} has no PEM block. Expected \"-----BEGIN PRIVATE KEY-----\" … \"-----END PRIVATE KEY-----\" (or RSA PRIVATE KEY, EC PRIVATE KEY, ENCRYPTED PRIVATE KEY), each marker on a line of its own.");

    public static JwtSigningException UnreadablePrivateKey(string where, string label, Exception inner) => new(Key,
        $"{where} has a \"{label}\" block that is not a valid private key. Check that it was copied whole and that the label matches the content.", inner);

    public static JwtSigningException UnsupportedKeyType(string where, string type) => new(Key,
        $"Unknown key type \"{type}\". {where} holds a key TokenIssuer cannot sign with: use an RSA, RSASSA-PSS or EC (P-256, P-384, P-521) private key, or an HMAC secret.{KeyTypeHint(type)}");

    // Why a key of a well-known type cannot sign a JWT here, after the sentence every unknown type shares.
    private static string KeyTypeHint(string type) => type switch
    {
        "x25519" or "x448" => $" An {type.ToUpperInvariant()} key is for key agreement (ECDH) and cannot sign at all.",
        "dsa" => " DSA is not a JWS algorithm (RFC 7518); it is still a key, so it is not used as an HMAC secret either.",
        _ => "",
    };

    public static JwtSigningException OpenSshPrivateKey(string where) => new(Key,
        $"{where} holds an OpenSSH private key (\"-----BEGIN OPENSSH PRIVATE KEY-----\"), a format jsonwebtoken and TokenIssuer do not read. " +
        "For an RSA or ECDSA key, write it as PKCS#8 with: ssh-keygen -p -N \"\" -m PKCS8 -f FILE (this rewrites FILE in place; keep a copy); an Ed25519 key cannot sign JWTs here.");

    public static JwtSigningException UnsupportedPrivateKeyFormat(string where, string label) => new(Key,
        $"{where} holds a \"{label}\" block: a private key in a format TokenIssuer does not read. Write it as PKCS#8 (\"-----BEGIN PRIVATE KEY-----\") with: openssl pkcs8 -topk8 -nocrypt -in FILE -out key.pem");

    public static JwtSigningException EncryptedKeyAsString(string where) => new(Key,
        $"{where} holds an encrypted private key, and a key given as a bare string has no passphrase (jsonwebtoken would sign with its text as an HMAC secret; TokenIssuer does not). " +
        "Decrypt it first (openssl pkcs8 -topk8 -nocrypt -in FILE -out key.pem), or read it with its passphrase (SigningKey.FromPem, Passphrase, or --passphrase-env NAME).");

    public static JwtSigningException LegacyCipherNotSupported(string where, string cipher) => new(Key,
        $"{where} holds a legacy encrypted PEM (Proc-Type: 4,ENCRYPTED) whose cipher \"{cipher}\" TokenIssuer does not decrypt (it reads AES-128-CBC, AES-192-CBC, AES-256-CBC and DES-EDE3-CBC). " +
        "Convert it to encrypted PKCS#8: openssl pkcs8 -topk8 -in FILE -out key.pem");

    public static JwtSigningException LegacyKeyNotDecrypted(string where, string label) => new(Key,
        $"{where} holds a legacy encrypted \"{label}\" (Proc-Type: 4,ENCRYPTED) that could not be decrypted: the passphrase is wrong, or the key was damaged.");

    public static JwtSigningException LegacyEncryptedHeadersUnreadable(string where) => new(Key,
        $"{where} looks like a legacy encrypted PEM (it has a Proc-Type header), but its headers are not \"Proc-Type: 4,ENCRYPTED\" and \"DEK-Info: CIPHER,IV\" followed by an empty line. " +
        "Check it was copied whole, or convert it to PKCS#8: openssl pkcs8 -topk8 -in FILE -out key.pem");

    public static JwtSigningException EncryptedKeyWithoutPassphrase(string where) => new(Key,
        $"{where} holds an encrypted private key. Give its passphrase (Passphrase, or --passphrase-env NAME on the command line).");

    public static JwtSigningException EncryptedKeyNotDecrypted(string where) => new(Key,
        $"{where} holds an encrypted private key that could not be decrypted: the passphrase is wrong, or the key is neither RSA nor EC.");

    public static JwtSigningException BadJwk(string reason, Exception? inner = null) => inner is null
        ? new(Key, $"The JWK is not a usable signing key: {reason}.")
        : new(Key, $"The JWK is not a usable signing key: {reason}.", inner);
}
