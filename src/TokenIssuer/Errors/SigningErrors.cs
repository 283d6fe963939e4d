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
        $"Unknown key type \"{type}\". {where} holds a key TokenIssuer cannot sign with: use an RSA, RSASSA-PSS or EC (P-256, P-384, P-521) private key, or an HMAC secret.");

    public static JwtSigningException EncryptedKeyWithoutPassphrase(string where) => new(Key,
        $"{where} holds an encrypted private key. Give its passphrase (Passphrase, or --passphrase-env NAME on the command line).");

    public static JwtSigningException EncryptedKeyNotDecrypted(string where) => new(Key,
        $"{where} holds an encrypted private key that could not be decrypted: the passphrase is wrong, or the key is neither RSA nor EC.");

    public static JwtSigningException BadJwk(string reason, Exception? inner = null) => inner is null
        ? new(Key, $"The JWK is not a usable signing key: {reason}.")
        : new(Key, $"The JWK is not a usable signing key: {reason}.", inner);
}
