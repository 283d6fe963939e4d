using System.Numerics;
using System.Security.Cryptography;

namespace TokenIssuer.TestSupport;

/// <summary>JWS algorithm facts and signature arithmetic done with .NET's own crypto (independent of the engine).</summary>
public static class Signatures
{
    /// <summary>The hash of a JWS algorithm: the digits of <c>HS256</c>, <c>PS384</c>, <c>ES512</c>...</summary>
    public static HashAlgorithmName Hash(string alg) => alg[2..] switch
    {
        "256" => HashAlgorithmName.SHA256,
        "384" => HashAlgorithmName.SHA384,
        "512" => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(alg), alg, null),
    };

    public static int HashBytes(string alg) => int.Parse(alg[2..], System.Globalization.CultureInfo.InvariantCulture) / 8;

    public static byte[] Hmac(string alg, byte[] key, byte[] data) => alg switch
    {
        "HS256" => HMACSHA256.HashData(key, data),
        "HS384" => HMACSHA384.HashData(key, data),
        "HS512" => HMACSHA512.HashData(key, data),
        _ => throw new ArgumentOutOfRangeException(nameof(alg), alg, null),
    };

    /// <summary>
    /// Opens an RSASSA-PSS signature with the public key (RFC 8017 §9.1.2, EMSA-PSS-VERIFY) and returns
    /// the salt length it was made with; fails the test when the encoding is not a valid PSS encoding of
    /// the message with MGF1 over <paramref name="hash"/>.
    /// </summary>
    public static int PssSaltLength(RSAParameters publicKey, HashAlgorithmName hash, byte[] message, byte[] signature)
    {
        var n = new BigInteger(publicKey.Modulus, isUnsigned: true, isBigEndian: true);
        var e = new BigInteger(publicKey.Exponent, isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(signature, isUnsigned: true, isBigEndian: true);
        Assert.True(s < n, "signature representative out of range");
        int modBits = (int)n.GetBitLength();
        int emBits = modBits - 1;
        int emLen = (emBits + 7) / 8;
        byte[] m = BigInteger.ModPow(s, e, n).ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.True(m.Length <= emLen, "encoded message too long");
        var em = new byte[emLen];
        m.CopyTo(em, emLen - m.Length);

        byte[] mHash = CryptographicOperations.HashData(hash, message);
        int hLen = mHash.Length;
        Assert.Equal(0xbc, em[^1]);
        var maskedDb = em[..(emLen - hLen - 1)];
        var h = em[(emLen - hLen - 1)..^1];
        var dbMask = Mgf1(hash, h, maskedDb.Length);
        var db = new byte[maskedDb.Length];
        for (int i = 0; i < db.Length; i++) db[i] = (byte)(maskedDb[i] ^ dbMask[i]);
        db[0] &= (byte)(0xFF >> (8 * emLen - emBits));

        int one = Array.FindIndex(db, b => b != 0);
        Assert.True(one >= 0 && db[one] == 0x01, "PSS padding has no 0x01 separator");
        byte[] salt = db[(one + 1)..];

        var mPrime = new byte[8 + hLen + salt.Length];
        mHash.CopyTo(mPrime, 8);
        salt.CopyTo(mPrime, 8 + hLen);
        Assert.Equal(h, CryptographicOperations.HashData(hash, mPrime));
        return salt.Length;
    }

    private static byte[] Mgf1(HashAlgorithmName hash, byte[] seed, int length)
    {
        var output = new List<byte>(length + 64);
        for (uint counter = 0; output.Count < length; counter++)
        {
            var input = new byte[seed.Length + 4];
            seed.CopyTo(input, 0);
            input[^4] = (byte)(counter >> 24);
            input[^3] = (byte)(counter >> 16);
            input[^2] = (byte)(counter >> 8);
            input[^1] = (byte)counter;
            output.AddRange(CryptographicOperations.HashData(hash, input));
        }
        return output.Take(length).ToArray();
    }
}
