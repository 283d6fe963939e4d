using System.Text;

namespace TokenIssuer.HardeningTests.KeyHygiene;

/// <summary>
/// Known key material in every form it could leak in (PEM body, the DER as one base64 line, a secret as
/// text, base64, base64url and hex, a passphrase, JWK private members), and a scanner that finds any
/// 16-character run of it in a text.
/// </summary>
internal sealed class KeyMaterial
{
    private const int Window = 16;

    public const string SecretText = "hardening-Zq8#Lw!3vT-kept-out-of-logs-0123";
    public const string Passphrase = "ochre-vessel-7781-quiet-lantern";

    public static readonly byte[] SecretBytes = Encoding.UTF8.GetBytes(SecretText);
    public static string SecretBase64 => Convert.ToBase64String(SecretBytes);

    public string RsaPem { get; } = TestKeys.Pkcs8Pem(TestKeys.Rsa2048B);
    public string RsaPkcs1Pem { get; } = TestKeys.Pkcs1Pem(TestKeys.Rsa2048B);
    public string EcPem { get; } = TestKeys.Pkcs8Pem(TestKeys.P384);
    public string EcSec1Pem { get; } = TestKeys.Sec1Pem(TestKeys.P384);
    public string EncryptedPem { get; } = TestKeys.EncryptedPem(TestKeys.P384, Passphrase);
    public string RsaJwk { get; } = TestKeys.PrivateJwk(TestKeys.Rsa2048B);
    public string EcJwk { get; } = TestKeys.PrivateJwk(TestKeys.P384);

    private readonly HashSet<string> _windows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _origin = new(StringComparer.Ordinal);

    public KeyMaterial()
    {
        Add("secret text", SecretText);
        Add("secret base64", SecretBase64);
        Add("secret base64url", TestKeys.B64(SecretBytes));
        Add("secret hex", Convert.ToHexString(SecretBytes));
        Add("secret hex (lower case)", Convert.ToHexStringLower(SecretBytes));
        Add("passphrase", Passphrase);
        foreach (var (name, pem) in new[] { ("RSA PEM", RsaPem), ("RSA PKCS#1 PEM", RsaPkcs1Pem), ("EC PEM", EcPem), ("EC SEC1 PEM", EcSec1Pem), ("encrypted PEM", EncryptedPem) })
        {
            Add(name + " (one line)", string.Concat(TestKeys.BodyLines(pem)));
            foreach (string line in TestKeys.BodyLines(pem)) Add(name, line);
        }
        var rsa = TestKeys.Rsa2048B.ExportParameters(true);
        var ec = TestKeys.P384.ExportParameters(true);
        foreach (var (name, bytes) in new[] { ("RSA d", rsa.D!), ("RSA p", rsa.P!), ("RSA q", rsa.Q!), ("EC d", ec.D!) })
        {
            Add(name + " (base64url)", TestKeys.B64(bytes));
            Add(name + " (base64)", Convert.ToBase64String(bytes));
            Add(name + " (hex)", Convert.ToHexString(bytes));
        }
    }

    private void Add(string origin, string text)
    {
        for (int i = 0; i + Window <= text.Length; i++)
        {
            string window = text.Substring(i, Window);
            if (_windows.Add(window)) _origin[window] = origin;
        }
    }

    /// <summary>The first piece of key material found in <paramref name="text"/>, or null.</summary>
    public string? FindIn(string? text)
    {
        if (text is null) return null;
        for (int i = 0; i + Window <= text.Length; i++)
        {
            string window = text.Substring(i, Window);
            if (_windows.Contains(window)) return $"{_origin[window]} (\"{window}\")";
        }
        return null;
    }
}
