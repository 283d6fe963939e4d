using System.Security.Cryptography;

namespace TokenIssuer;

/// <summary>SHA-2 helpers keyed by hash size, so signers never allocate a hash object per call.</summary>
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
}
