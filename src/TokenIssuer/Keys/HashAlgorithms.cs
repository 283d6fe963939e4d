using System.Security.Cryptography;

namespace TokenIssuer;

/// <summary>
/// SHA-2 helpers keyed by hash size (<see cref="JwtAlgorithmNames.HashBits"/>), so signers and verifiers
/// never allocate a hash object per call and every algorithm's hash is chosen here.
/// </summary>
internal static class HashAlgorithms
{
    public const int MaxHashSize = 64;

    public static HashAlgorithmName ForBits(int bits) => bits switch
    {
        256 => HashAlgorithmName.SHA256,
        384 => HashAlgorithmName.SHA384,
        512 => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(bits)),
    };

    public static int Hash(int bits, ReadOnlySpan<byte> data, Span<byte> destination) => bits switch
    {
        256 => SHA256.HashData(data, destination),
        384 => SHA384.HashData(data, destination),
        512 => SHA512.HashData(data, destination),
        _ => throw new ArgumentOutOfRangeException(nameof(bits)),
    };

    /// <summary>The HMAC of <paramref name="data"/> under <paramref name="key"/> with SHA-<paramref name="bits"/>; returns its length.</summary>
    public static int Hmac(int bits, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination) => bits switch
    {
        256 => HMACSHA256.HashData(key, data, destination),
        384 => HMACSHA384.HashData(key, data, destination),
        512 => HMACSHA512.HashData(key, data, destination),
        _ => throw new ArgumentOutOfRangeException(nameof(bits)),
    };
}
