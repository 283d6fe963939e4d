namespace TokenIssuer;

/// <summary>
/// The ASN.1 object identifiers that name key types and hashes inside PKCS#8 and SubjectPublicKeyInfo,
/// and the names messages give them (OpenSSL's: <c>ed25519</c>, <c>sha256</c>, …).
/// </summary>
internal static class KeyOids
{
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string RsaPss = "1.2.840.113549.1.1.10";
    public const string EcPublicKey = "1.2.840.10045.2.1";
    public const string Mgf1 = "1.2.840.113549.1.1.8";
    public const string Dsa = "1.2.840.10040.4.1";

    /// <summary>The name of a key type TokenIssuer does not use, for "unknown key type" messages; the OID itself when unnamed.</summary>
    public static string KeyTypeName(string oid) => oid switch
    {
        "1.3.101.112" => "ed25519",
        "1.3.101.113" => "ed448",
        "1.3.101.110" => "x25519",
        "1.3.101.111" => "x448",
        Dsa => "dsa",
        "1.2.840.113549.1.3.1" => "dh",
        _ => oid,
    };

    /// <summary>A hash's OpenSSL name (as RSASSA-PSS restrictions are compared); the OID itself when unnamed.</summary>
    public static string HashName(string oid) => oid switch
    {
        "1.3.14.3.2.26" => "sha1",
        "2.16.840.1.101.3.4.2.4" => "sha224",
        "2.16.840.1.101.3.4.2.1" => "sha256",
        "2.16.840.1.101.3.4.2.2" => "sha384",
        "2.16.840.1.101.3.4.2.3" => "sha512",
        _ => oid,
    };
}
