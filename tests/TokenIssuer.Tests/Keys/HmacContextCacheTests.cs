using System.Security.Cryptography;
using System.Text;

namespace TokenIssuer.Tests.Keys;

/// <summary>
/// A thread keeps its last HMAC context in front of the key's per-thread contexts: keys and algorithms that
/// alternate on one thread still each sign with their own secret and hash, and a disposed key does not sign.
/// </summary>
public sealed class HmacContextCacheTests
{
    private static readonly byte[] Data = Encoding.ASCII.GetBytes("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTQyIn0");

    [Fact]
    public void AlternatingKeysAndAlgorithmsOnOneThreadEachSignWithTheirOwnSecretAndHash()
    {
        byte[] secretA = RandomNumberGenerator.GetBytes(64);
        byte[] secretB = RandomNumberGenerator.GetBytes(64);
        using var a = new SymmetricSigningKey((byte[])secretA.Clone(), "a");
        using var b = new SymmetricSigningKey((byte[])secretB.Clone(), "b");

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HMACSHA256.HashData(secretA, Data), Sign(a, JwtAlgorithm.HS256));
            Assert.Equal(HMACSHA256.HashData(secretB, Data), Sign(b, JwtAlgorithm.HS256));
            Assert.Equal(HMACSHA512.HashData(secretA, Data), Sign(a, JwtAlgorithm.HS512));
            Assert.Equal(HMACSHA256.HashData(secretA, Data), Sign(a, JwtAlgorithm.HS256));
        }
    }

    [Fact]
    public void AKeyDisposedAfterSigningOnThisThreadRefusesToSignAgain()
    {
        var key = new SymmetricSigningKey(RandomNumberGenerator.GetBytes(32), "k");
        Sign(key, JwtAlgorithm.HS256);
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => Sign(key, JwtAlgorithm.HS256));
    }

    private static byte[] Sign(SymmetricSigningKey key, JwtAlgorithm algorithm)
    {
        var signature = new byte[64];
        int written = key.Sign(algorithm, Data, signature);
        return signature[..written];
    }
}
