using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TokenIssuer.Benchmarks;

/// <summary>
/// The least work minting <see cref="BenchToken"/>'s token needs in .NET (the baseline of every table): the
/// payload's claims written with a reused Utf8JsonWriter, a precomputed base64url header, Base64Url into one
/// reused buffer, one hash or keyed-hash call (a reused IncrementalHash for HMAC; SHA-256 + TrySignHash for
/// RSA and ECDSA), and the token string as the only allocation. One instance per thread.
/// </summary>
internal sealed class LeastWorkSigner : IDisposable
{
    private readonly Family _family;
    private readonly byte[] _leastHeader;
    private readonly ArrayBufferWriter<byte> _leastJson;
    private readonly Utf8JsonWriter _leastWriter;
    private readonly byte[] _leastToken;
    private readonly IncrementalHash? _leastHmac;
    private readonly RSA? _leastRsa;
    private readonly ECDsa? _leastEcdsa;
    private readonly TimeProvider? _clock;

    /// <param name="algorithm">HS256, RS256, PS256 or ES256.</param>
    /// <param name="clock">Where <c>iat</c> comes from (the host scenario's system clock); null: the fixed <see cref="BenchToken.IssuedAt"/>.</param>
    public LeastWorkSigner(string algorithm, TimeProvider? clock = null)
    {
        _family = BenchToken.FamilyOf(algorithm);
        _clock = clock;

        // The header is the same for every token of a profile: encode it once, as the engine's plans do.
        var header = new ArrayBufferWriter<byte>();
        using (var headerWriter = new Utf8JsonWriter(header))
        {
            headerWriter.WriteStartObject();
            headerWriter.WriteString("alg", algorithm);
            headerWriter.WriteString("typ", "JWT");
            headerWriter.WriteString("kid", BenchToken.KeyIdFor(algorithm));
            headerWriter.WriteEndObject();
        }
        _leastHeader = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(header.WrittenSpan));

        _leastJson = new ArrayBufferWriter<byte>(1024);
        _leastWriter = new Utf8JsonWriter(_leastJson, new JsonWriterOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
        _leastToken = new byte[2048];

        switch (_family)
        {
            case Family.Hmac:
                _leastHmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, BenchToken.SecretBytes);
                break;
            case Family.RsaPkcs1:
            case Family.RsaPss:
                _leastRsa = BenchToken.LoadRsa();
                break;
            default:
                _leastEcdsa = BenchToken.LoadEcdsa();
                break;
        }
    }

    public string Mint()
    {
        var writer = _leastWriter;
        _leastJson.ResetWrittenCount();
        writer.Reset(_leastJson);
        writer.WriteStartObject();
        writer.WriteString("sub", BenchToken.Subject);
        writer.WriteString("name", BenchToken.Name);
        writer.WriteString("role", BenchToken.Role);
        // Reading the clock is part of the job when there is one: every issuer needs the current iat.
        long issuedAt = _clock is null ? BenchToken.IssuedAt : _clock.GetUtcNow().ToUnixTimeSeconds();
        writer.WriteNumber("iat", issuedAt);
        writer.WriteNumber("exp", issuedAt + BenchToken.LifetimeSeconds);
        writer.WriteString("aud", BenchToken.Audience);
        writer.WriteString("iss", BenchToken.Issuer);
        writer.WriteEndObject();
        writer.Flush();

        Span<byte> token = _leastToken;
        _leastHeader.CopyTo(token);
        int length = _leastHeader.Length;
        token[length++] = (byte)'.';
        length += Base64Url.EncodeToUtf8(_leastJson.WrittenSpan, token[length..]);

        Span<byte> signature = stackalloc byte[256];
        int signatureLength = SignLeast(token[..length], signature);

        token[length++] = (byte)'.';
        length += Base64Url.EncodeToUtf8(signature[..signatureLength], token[length..]);
        return Encoding.ASCII.GetString(token[..length]);
    }

    private int SignLeast(ReadOnlySpan<byte> data, Span<byte> signature)
    {
        if (_family == Family.Hmac)
        {
            _leastHmac!.AppendData(data);
            return _leastHmac.GetHashAndReset(signature);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, hash);
        int written;
        bool signed = _family switch
        {
            Family.RsaPkcs1 => _leastRsa!.TrySignHash(hash, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out written),
            Family.RsaPss => _leastRsa!.TrySignHash(hash, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss, out written),
            _ => _leastEcdsa!.TrySignHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out written),
        };
        if (!signed) throw new CryptographicException("The signature did not fit the buffer.");
        return written;
    }

    public void Dispose()
    {
        _leastWriter.Dispose();
        _leastHmac?.Dispose();
        _leastRsa?.Dispose();
        _leastEcdsa?.Dispose();
    }
}
