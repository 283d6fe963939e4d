namespace TokenIssuer;

/// <summary>The PEM block labels (RFC 7468) of the keys TokenIssuer reads.</summary>
internal static class PemLabels
{
    public const string Pkcs8 = "PRIVATE KEY";
    public const string Pkcs1 = "RSA PRIVATE KEY";
    public const string Sec1 = "EC PRIVATE KEY";
    public const string EncryptedPkcs8 = "ENCRYPTED PRIVATE KEY";
    public const string Dsa = "DSA PRIVATE KEY";
    public const string OpenSsh = "OPENSSH PRIVATE KEY";
    public const string SubjectPublicKeyInfo = "PUBLIC KEY";
    public const string Pkcs1Public = "RSA PUBLIC KEY";
    public const string Certificate = "CERTIFICATE";

    public static bool IsPrivateKey(string label) => label is Pkcs8 or Pkcs1 or Sec1 or EncryptedPkcs8;

    /// <summary>
    /// A private key in a format TokenIssuer does not sign with (<c>DSA PRIVATE KEY</c>, <c>OPENSSH PRIVATE
    /// KEY</c>, …): still a key, so never taken for a public key or an HMAC secret.
    /// </summary>
    public static bool IsOtherPrivateKey(string label)
        => !IsPrivateKey(label) && label.EndsWith(" PRIVATE KEY", StringComparison.Ordinal);

    public static bool IsPublicKey(string label) => label is SubjectPublicKeyInfo or Pkcs1Public or Certificate;
}
