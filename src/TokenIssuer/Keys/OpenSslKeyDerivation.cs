using System.Security.Cryptography;

namespace TokenIssuer;

/// <summary>
/// OpenSSL's <c>EVP_BytesToKey</c> with MD5 and one iteration: how a legacy encrypted PEM
/// (<c>Proc-Type: 4,ENCRYPTED</c>) turns its passphrase into the cipher key. It is a weak derivation
/// (one MD5 per 16 bytes), kept here only so such keys can be read; TokenIssuer never writes one.
/// </summary>
internal static class OpenSslKeyDerivation
{
    /// <summary><paramref name="keyLength"/> bytes: D1 = MD5(pass ‖ salt), Dn = MD5(Dn-1 ‖ pass ‖ salt), concatenated.</summary>
    public static byte[] BytesToKey(ReadOnlySpan<byte> passphrase, ReadOnlySpan<byte> salt, int keyLength)
    {
        var key = new byte[keyLength];
        var input = new byte[MD5.HashSizeInBytes + passphrase.Length + salt.Length];
        Span<byte> block = stackalloc byte[MD5.HashSizeInBytes];
        int written = 0, previous = 0;
        try
        {
            while (written < keyLength)
            {
                // The first round hashes pass ‖ salt; each later round puts the previous block in front.
                block[..previous].CopyTo(input);
                passphrase.CopyTo(input.AsSpan(previous));
                salt.CopyTo(input.AsSpan(previous + passphrase.Length));
                MD5.HashData(input.AsSpan(0, previous + passphrase.Length + salt.Length), block);
                int take = Math.Min(block.Length, keyLength - written);
                block[..take].CopyTo(key.AsSpan(written));
                written += take;
                previous = block.Length;
            }
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
            CryptographicOperations.ZeroMemory(block);
        }
    }
}
