using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TokenIssuer.HardeningTests;

/// <summary>
/// A compact JWS taken apart with a base64url decoder of the suite's own (not the runtime's), and its
/// signature checked directly with .NET cryptography.
/// </summary>
internal sealed class Token
{
    public Token(string token)
    {
        Text = token;
        var parts = token.Split('.');
        if (parts.Length != 3) throw new FormatException($"a compact JWS has 3 segments, this one has {parts.Length}");
        HeaderSegment = parts[0];
        PayloadSegment = parts[1];
        SignatureSegment = parts[2];
        HeaderBytes = Base64UrlDecode(parts[0]);
        PayloadBytes = Base64UrlDecode(parts[1]);
        Signature = Base64UrlDecode(parts[2]);
        Header = ParseJson(HeaderBytes);
        SigningInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
    }

    public string Text { get; }
    public string HeaderSegment { get; }
    public string PayloadSegment { get; }
    public string SignatureSegment { get; }
    public byte[] HeaderBytes { get; }
    public byte[] PayloadBytes { get; }
    public byte[] Signature { get; }
    public byte[] SigningInput { get; }
    public JsonElement Header { get; }

    public JsonElement Payload => ParseJson(PayloadBytes);

    public string Alg => Header.GetProperty("alg").GetString()!;

    public string? Kid => Header.TryGetProperty("kid", out var kid) ? kid.GetString() : null;

    /// <summary>Checks the signature with the key (a secret, RSA or ECDsa) under the header's algorithm.</summary>
    public bool VerifiesWith(object key)
    {
        string alg = Alg;
        var hash = alg[2..] switch
        {
            "256" => HashAlgorithmName.SHA256,
            "384" => HashAlgorithmName.SHA384,
            "512" => HashAlgorithmName.SHA512,
            _ => throw new InvalidOperationException($"unexpected alg {alg}"),
        };
        switch (alg[..2], key)
        {
            case ("HS", byte[] secret):
                byte[] mac = alg[2..] switch
                {
                    "256" => HMACSHA256.HashData(secret, SigningInput),
                    "384" => HMACSHA384.HashData(secret, SigningInput),
                    _ => HMACSHA512.HashData(secret, SigningInput),
                };
                return CryptographicOperations.FixedTimeEquals(mac, Signature);
            case ("RS", RSA rsa):
                return rsa.VerifyData(SigningInput, Signature, hash, RSASignaturePadding.Pkcs1);
            case ("PS", RSA rsa):
                return rsa.VerifyData(SigningInput, Signature, hash, RSASignaturePadding.Pss);
            case ("ES", ECDsa ec):
                return ec.VerifyData(SigningInput, Signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            default:
                return false;
        }
    }

    public static JsonElement ParseJson(byte[] utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        return document.RootElement.Clone();
    }

    /// <summary>Strict base64url: the alphabet A–Z a–z 0–9 - _, no padding, no length of 1 modulo 4.</summary>
    public static byte[] Base64UrlDecode(string segment)
    {
        foreach (char c in segment)
        {
            bool ok = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
            if (!ok) throw new FormatException($"'{c}' is not a base64url character");
        }
        if (segment.Length % 4 == 1) throw new FormatException("a base64url text cannot have a length of 1 modulo 4");
        string padded = segment.Replace('-', '+').Replace('_', '/') + new string('=', (4 - segment.Length % 4) % 4);
        return Convert.FromBase64String(padded);
    }

    public static string Base64UrlEncode(byte[] bytes)
        => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
