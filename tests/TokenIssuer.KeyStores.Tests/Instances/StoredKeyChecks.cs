using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>What a test checks in what a store holds: that each record is a Data Protection payload of the shared key ring, and that no form of its private key appears anywhere in the raw records.</summary>
internal static class StoredKeyChecks
{
    /// <summary>
    /// Unprotects every record with the shared key ring (so it is protected, and with that ring) and looks for its
    /// private key in every raw record: the PKCS#8 DER's base64 (a PEM's body), the label, the JWK <c>d</c> member and
    /// the private scalar/exponent in base64url and base64.
    /// </summary>
    public static async Task AssertNoPrivateKeyIsRevealedAsync(SharedStore store, SharedKeyRing keyRing)
    {
        var records = await store.LoadAsync();
        var raw = await store.RawRecordsAsync();
        Assert.NotEmpty(records);
        Assert.True(raw.Count >= records.Count, $"{store.Server} gave {raw.Count} raw records for {records.Count} keys");
        var protector = keyRing.CreateManagedKeyProtector();
        foreach (var record in records)
        {
            byte[] pkcs8 = protector.Unprotect(Convert.FromBase64String(ToBase64(record.ProtectedKey)));
            foreach (string form in PrivateKeyForms(pkcs8))
            {
                foreach (string text in raw) Assert.DoesNotContain(form, text, StringComparison.Ordinal);
            }
        }
    }

    private static IEnumerable<string> PrivateKeyForms(byte[] pkcs8)
    {
        string base64 = Convert.ToBase64String(pkcs8);
        yield return "PRIVATE KEY";
        yield return base64[..40];
        yield return base64[^40..];
        yield return "\"d\"";
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
        byte[] d = ecdsa.ExportParameters(includePrivateParameters: true).D!;
        yield return Convert.ToBase64String(d).TrimEnd('=');
        yield return Convert.ToBase64String(d).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        yield return Convert.ToHexString(d);
    }

    private static string ToBase64(string base64Url)
    {
        string text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
    }
}
