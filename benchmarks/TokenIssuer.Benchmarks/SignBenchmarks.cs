using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.Tokens;
using JwtHandler = Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler;

namespace TokenIssuer.Benchmarks;

/// <summary>
/// Mints the same token (<see cref="BenchToken"/>) three ways per algorithm: with TokenIssuer's engine,
/// with JsonWebTokenHandler, and with the least work .NET needs for it (the baseline). Everything that
/// can be prepared once (keys, options, payload dictionary, descriptors) is prepared in the setup, which
/// also verifies each method's token once.
/// </summary>
[MemoryDiagnoser]
public class SignBenchmarks
{
    [Params("HS256", "RS256", "PS256", "ES256")]
    public string Algorithm { get; set; } = "HS256";

    // TokenIssuer
    private SigningKey _engineKey = null!;
    private JwtSignOptions _engineOptions = null!;
    private Dictionary<string, object?> _enginePayload = null!;

    // JsonWebTokenHandler
    private JwtHandler _handler = null!;
    private SecurityTokenDescriptor _descriptor = null!;

    // Least work
    private enum Family { Hmac, RsaPkcs1, RsaPss, Ecdsa }

    private Family _family;
    private byte[] _leastHeader = null!;
    private ArrayBufferWriter<byte> _leastJson = null!;
    private Utf8JsonWriter _leastWriter = null!;
    private byte[] _leastToken = null!;
    private IncrementalHash? _leastHmac;
    private RSA? _leastRsa;
    private ECDsa? _leastEcdsa;

    private readonly List<IDisposable> _disposables = [];

    [GlobalSetup]
    public void Setup()
    {
        _family = Algorithm switch
        {
            "HS256" => Family.Hmac,
            "RS256" => Family.RsaPkcs1,
            "PS256" => Family.RsaPss,
            "ES256" => Family.Ecdsa,
            _ => throw new ArgumentOutOfRangeException(nameof(Algorithm), Algorithm, "not one of the benchmarked algorithms"),
        };
        SetupEngine();
        SetupHandler();
        SetupLeastWork();
        VerifyAll();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var disposable in _disposables) disposable.Dispose();
        _disposables.Clear();
    }

    [Benchmark]
    public string Engine() => JwtSigner.Sign(_enginePayload, _engineKey, _engineOptions);

    [Benchmark]
    public string JsonWebTokenHandler() => _handler.CreateToken(_descriptor);

    /// <summary>
    /// The least work the job needs: the payload's claims written with a reused Utf8JsonWriter, a
    /// precomputed base64url header, Base64Url into one reused buffer, one hash or keyed-hash call,
    /// and the token string as the only allocation.
    /// </summary>
    [Benchmark(Baseline = true)]
    public string LeastWork()
    {
        var writer = _leastWriter;
        _leastJson.ResetWrittenCount();
        writer.Reset(_leastJson);
        writer.WriteStartObject();
        writer.WriteString("sub", BenchToken.Subject);
        writer.WriteString("name", BenchToken.Name);
        writer.WriteString("role", BenchToken.Role);
        writer.WriteNumber("iat", BenchToken.IssuedAt);
        writer.WriteNumber("exp", BenchToken.IssuedAt + BenchToken.LifetimeSeconds);
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

    private void SetupEngine()
    {
        _engineKey = _family == Family.Hmac ? SigningKey.FromSecret(BenchToken.Secret) : SigningKey.FromPem(BenchToken.PemFor(Algorithm));
        _disposables.Add(_engineKey);
        _engineOptions = new JwtSignOptions
        {
            Algorithm = Enum.Parse<JwtAlgorithm>(Algorithm),
            ExpiresIn = JwtDuration.FromSeconds(BenchToken.LifetimeSeconds),
            Issuer = BenchToken.Issuer,
            Audience = BenchToken.Audience,
            KeyId = BenchToken.KeyId,
            TimeProvider = new FixedTimeProvider(),
        };
        _enginePayload = new Dictionary<string, object?>
        {
            ["sub"] = BenchToken.Subject,
            ["name"] = BenchToken.Name,
            ["role"] = BenchToken.Role,
        };
    }

    private void SetupHandler()
    {
        SecurityKey key;
        string algorithm;
        switch (_family)
        {
            case Family.Hmac:
                key = new SymmetricSecurityKey(BenchToken.SecretBytes) { KeyId = BenchToken.KeyId };
                algorithm = SecurityAlgorithms.HmacSha256;
                break;
            case Family.RsaPkcs1:
            case Family.RsaPss:
                var rsa = BenchToken.LoadRsa();
                _disposables.Add(rsa);
                key = new RsaSecurityKey(rsa) { KeyId = BenchToken.KeyId };
                algorithm = _family == Family.RsaPss ? SecurityAlgorithms.RsaSsaPssSha256 : SecurityAlgorithms.RsaSha256;
                break;
            default:
                var ecdsa = BenchToken.LoadEcdsa();
                _disposables.Add(ecdsa);
                key = new ECDsaSecurityKey(ecdsa) { KeyId = BenchToken.KeyId };
                algorithm = SecurityAlgorithms.EcdsaSha256;
                break;
        }

        _handler = new JwtHandler { SetDefaultTimesOnTokenCreation = false };
        _descriptor = new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["sub"] = BenchToken.Subject,
                ["name"] = BenchToken.Name,
                ["role"] = BenchToken.Role,
            },
            IssuedAt = DateTimeOffset.FromUnixTimeSeconds(BenchToken.IssuedAt).UtcDateTime,
            Expires = DateTimeOffset.FromUnixTimeSeconds(BenchToken.Expires).UtcDateTime,
            Issuer = BenchToken.Issuer,
            Audience = BenchToken.Audience,
            SigningCredentials = new SigningCredentials(key, algorithm),
        };
    }

    private void SetupLeastWork()
    {
        // The header is the same for every token of a profile: encode it once, as the engine's plans do.
        var header = new ArrayBufferWriter<byte>();
        using (var headerWriter = new Utf8JsonWriter(header))
        {
            headerWriter.WriteStartObject();
            headerWriter.WriteString("alg", Algorithm);
            headerWriter.WriteString("typ", "JWT");
            headerWriter.WriteString("kid", BenchToken.KeyId);
            headerWriter.WriteEndObject();
        }
        _leastHeader = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(header.WrittenSpan));

        _leastJson = new ArrayBufferWriter<byte>(1024);
        _leastWriter = new Utf8JsonWriter(_leastJson, new JsonWriterOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
        _disposables.Add(_leastWriter);
        _leastToken = new byte[2048];

        switch (_family)
        {
            case Family.Hmac:
                _leastHmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, BenchToken.SecretBytes);
                _disposables.Add(_leastHmac);
                break;
            case Family.RsaPkcs1:
            case Family.RsaPss:
                _leastRsa = BenchToken.LoadRsa();
                _disposables.Add(_leastRsa);
                break;
            default:
                _leastEcdsa = BenchToken.LoadEcdsa();
                _disposables.Add(_leastEcdsa);
                break;
        }
    }

    /// <summary>
    /// Each method's token must carry the agreed header and claims and verify; the engine and the least
    /// work must also sign the very same bytes (same member order), so the baseline does the same job.
    /// </summary>
    private void VerifyAll()
    {
        var tokens = MintOnce();
        foreach (var (method, token) in tokens) TokenVerifier.Verify(method, Algorithm, token);

        string engineInput = tokens[nameof(Engine)][..tokens[nameof(Engine)].LastIndexOf('.')];
        string leastInput = tokens[nameof(LeastWork)][..tokens[nameof(LeastWork)].LastIndexOf('.')];
        if (engineInput != leastInput)
        {
            throw new InvalidOperationException(
                $"Engine and LeastWork ({Algorithm}) sign different bytes:\n  {engineInput}\n  {leastInput}");
        }
    }

    /// <summary>One token from each method, by method name.</summary>
    internal Dictionary<string, string> MintOnce() => new()
    {
        [nameof(Engine)] = Engine(),
        [nameof(JsonWebTokenHandler)] = JsonWebTokenHandler(),
        [nameof(LeastWork)] = LeastWork(),
    };
}
