using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.Tokens;
using JwtHandler = Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler;
using JwtNetEncoder = JWT.JwtEncoder;
using JwtSecurityHandler = System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler;

namespace TokenIssuer.Benchmarks;

/// <summary>
/// Mints the same token (<see cref="BenchToken"/>) eight ways per algorithm: TokenIssuer's generated
/// <c>Issue{Profile}</c> method, its dynamic <c>IJwtIssuer.Issue(profile, dictionary)</c>, its engine
/// (<c>JwtSigner.Sign</c>), JsonWebTokenHandler, JwtSecurityTokenHandler, jose-jwt, Jwt.Net (HS256 and RS256
/// only: 7.3.1 has no ES* or PS*), and the least work .NET needs for it (the baseline). Everything that can
/// be prepared once (host, keys, options, payload dictionaries, descriptors, encoders) is prepared in the
/// setup, which also verifies each method's token once.
/// </summary>
[MemoryDiagnoser]
public class SignBenchmarks
{
    [Params("HS256", "RS256", "PS256", "ES256")]
    public string Algorithm { get; set; } = "HS256";

    // TokenIssuer: the DI runtime (generated and dynamic paths) and the engine
    private BenchIssuer _host = null!;
    private IJwtIssuer _issuer = null!;
    private string _profile = null!;
    private Dictionary<string, object?> _dynamicClaims = null!;
    private SigningKey _engineKey = null!;
    private JwtSignOptions _engineOptions = null!;
    private Dictionary<string, object?> _enginePayload = null!;

    // JsonWebTokenHandler, JwtSecurityTokenHandler
    private JwtHandler _handler = null!;
    private SecurityTokenDescriptor _descriptor = null!;
    private JwtSecurityHandler _securityHandler = null!;
    private SecurityTokenDescriptor _securityDescriptor = null!;

    // jose-jwt
    private object _joseKey = null!;
    private Jose.JwsAlgorithm _joseAlgorithm;
    private Dictionary<string, object> _josePayload = null!;
    private Dictionary<string, object> _joseHeaders = null!;

    // Jwt.Net (package JWT)
    private JwtNetEncoder? _jwtNetEncoder;
    private byte[]? _jwtNetKey;
    private Dictionary<string, object> _jwtNetPayload = null!;
    private Dictionary<string, object> _jwtNetHeaders = null!;

    // Least work
    private LeastWorkSigner _least = null!;

    private Family _family;

    private readonly List<IDisposable> _disposables = [];

    [GlobalSetup]
    public void Setup()
    {
        _family = BenchToken.FamilyOf(Algorithm);
        SetupIssuer();
        SetupEngine();
        SetupHandlers();
        SetupJoseJwt();
        SetupJwtNet();
        SetupLeastWork();
        VerifyAll();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var disposable in _disposables) disposable.Dispose();
        _disposables.Clear();
    }

    /// <summary>The method the source generator wrote from appsettings.json: <c>issuer.IssueHs256(sub, name, role)</c>.</summary>
    [Benchmark]
    public string Generated() => _family switch
    {
        Family.Hmac => _issuer.IssueHs256(BenchToken.Subject, BenchToken.Name, BenchToken.Role),
        Family.RsaPkcs1 => _issuer.IssueRs256(BenchToken.Subject, BenchToken.Name, BenchToken.Role),
        Family.RsaPss => _issuer.IssuePs256(BenchToken.Subject, BenchToken.Name, BenchToken.Role),
        _ => _issuer.IssueEs256(BenchToken.Subject, BenchToken.Name, BenchToken.Role),
    };

    /// <summary>The dynamic path: <c>IJwtIssuer.Issue(profile, claims)</c> with a prepared dictionary.</summary>
    [Benchmark]
    public string Dynamic() => _issuer.Issue(_profile, _dynamicClaims);

    [Benchmark]
    public string Engine() => JwtSigner.Sign(_enginePayload, _engineKey, _engineOptions);

    [Benchmark]
    public string JsonWebTokenHandler() => _handler.CreateToken(_descriptor);

    [Benchmark]
    public string JwtSecurityTokenHandler() => _securityHandler.CreateEncodedJwt(_securityDescriptor);

    [Benchmark]
    public string JoseJwt() => Jose.JWT.Encode(_josePayload, _joseKey, _joseAlgorithm, _joseHeaders);

    /// <summary>HS256 and RS256 only (<see cref="Supports"/>); BenchmarkConfig filters the other cases out.</summary>
    [Benchmark]
    public string JwtNet() => _jwtNetEncoder!.Encode(_jwtNetHeaders, _jwtNetPayload, _jwtNetKey);

    /// <summary>Whether <paramref name="method"/> can mint <paramref name="algorithm"/> tokens (Jwt.Net 7.3.1: HS* and RS* only).</summary>
    public static bool Supports(string method, string algorithm)
        => method != nameof(JwtNet) || algorithm is "HS256" or "RS256";

    /// <summary>The least work the job needs (<see cref="LeastWorkSigner"/>): the baseline.</summary>
    [Benchmark(Baseline = true)]
    public string LeastWork() => _least.Mint();

    private void SetupIssuer()
    {
        _host = BenchIssuer.Create();
        _disposables.Add(_host);
        _issuer = _host.Issuer;
        _profile = BenchIssuer.ProfileFor(Algorithm);
        _dynamicClaims = new Dictionary<string, object?>
        {
            ["sub"] = BenchToken.Subject,
            ["name"] = BenchToken.Name,
            ["role"] = BenchToken.Role,
        };
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
            KeyId = BenchToken.KeyIdFor(Algorithm),
            TimeProvider = new FixedTimeProvider(),
        };
        _enginePayload = new Dictionary<string, object?>
        {
            ["sub"] = BenchToken.Subject,
            ["name"] = BenchToken.Name,
            ["role"] = BenchToken.Role,
        };
    }

    private void SetupHandlers()
    {
        (_handler, _descriptor) = (new JwtHandler { SetDefaultTimesOnTokenCreation = false }, Descriptor());
        (_securityHandler, _securityDescriptor) = (new JwtSecurityHandler { SetDefaultTimesOnTokenCreation = false }, Descriptor());
    }

    /// <summary>A descriptor with its own key object, so the two handlers share no cached signature provider.</summary>
    private SecurityTokenDescriptor Descriptor()
    {
        SecurityKey key;
        string algorithm;
        switch (_family)
        {
            case Family.Hmac:
                key = new SymmetricSecurityKey(BenchToken.SecretBytes) { KeyId = BenchToken.KeyIdFor(Algorithm) };
                algorithm = SecurityAlgorithms.HmacSha256;
                break;
            case Family.RsaPkcs1:
            case Family.RsaPss:
                var rsa = BenchToken.LoadRsa();
                _disposables.Add(rsa);
                key = new RsaSecurityKey(rsa) { KeyId = BenchToken.KeyIdFor(Algorithm) };
                algorithm = _family == Family.RsaPss ? SecurityAlgorithms.RsaSsaPssSha256 : SecurityAlgorithms.RsaSha256;
                break;
            default:
                var ecdsa = BenchToken.LoadEcdsa();
                _disposables.Add(ecdsa);
                key = new ECDsaSecurityKey(ecdsa) { KeyId = BenchToken.KeyIdFor(Algorithm) };
                algorithm = SecurityAlgorithms.EcdsaSha256;
                break;
        }

        return new SecurityTokenDescriptor
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

    private void SetupJoseJwt()
    {
        switch (_family)
        {
            case Family.Hmac:
                _joseKey = BenchToken.SecretBytes;
                _joseAlgorithm = Jose.JwsAlgorithm.HS256;
                break;
            case Family.RsaPkcs1:
            case Family.RsaPss:
                var rsa = BenchToken.LoadRsa();
                _disposables.Add(rsa);
                _joseKey = rsa;
                _joseAlgorithm = _family == Family.RsaPss ? Jose.JwsAlgorithm.PS256 : Jose.JwsAlgorithm.RS256;
                break;
            default:
                var ecdsa = BenchToken.LoadEcdsa();
                _disposables.Add(ecdsa);
                _joseKey = ecdsa;
                _joseAlgorithm = Jose.JwsAlgorithm.ES256;
                break;
        }
        _josePayload = BenchToken.FullPayload();
        _joseHeaders = new Dictionary<string, object> { ["typ"] = "JWT", ["kid"] = BenchToken.KeyIdFor(Algorithm) };
    }

    private void SetupJwtNet()
    {
        _jwtNetPayload = BenchToken.FullPayload();
        _jwtNetHeaders = new Dictionary<string, object> { ["kid"] = BenchToken.KeyIdFor(Algorithm) };
        JWT.Algorithms.IJwtAlgorithm algorithm;
        switch (_family)
        {
            case Family.Hmac:
                algorithm = new JWT.Algorithms.HMACSHA256Algorithm();
                _jwtNetKey = BenchToken.SecretBytes;
                break;
            case Family.RsaPkcs1:
                var rsa = BenchToken.LoadRsa();
                _disposables.Add(rsa);
                algorithm = new JWT.Algorithms.RS256Algorithm(rsa, rsa);
                _jwtNetKey = null;
                break;
            default:
                return; // not supported by Jwt.Net 7.3.1
        }
        _jwtNetEncoder = new JwtNetEncoder(algorithm, new JWT.Serializers.JsonNetSerializer(), new JWT.JwtBase64UrlEncoder());
    }

    private void SetupLeastWork()
    {
        _least = new LeastWorkSigner(Algorithm);
        _disposables.Add(_least);
    }

    /// <summary>
    /// Each method's token must carry the agreed header and claims and verify; TokenIssuer's three paths and
    /// the least work must also sign the very same bytes (same member order), so the baseline does the same job.
    /// </summary>
    private void VerifyAll()
    {
        var tokens = MintOnce();
        foreach (var (method, token) in tokens) TokenVerifier.Verify(method, Algorithm, token);

        string leastInput = tokens[nameof(LeastWork)][..tokens[nameof(LeastWork)].LastIndexOf('.')];
        foreach (var method in new[] { nameof(Generated), nameof(Dynamic), nameof(Engine) })
        {
            string input = tokens[method][..tokens[method].LastIndexOf('.')];
            if (input != leastInput)
            {
                throw new InvalidOperationException(
                    $"{method} and LeastWork ({Algorithm}) sign different bytes:\n  {input}\n  {leastInput}");
            }
        }
    }

    /// <summary>One token from each method that supports the algorithm, by method name.</summary>
    internal Dictionary<string, string> MintOnce()
    {
        var methods = new (string Name, Func<string> Mint)[]
        {
            (nameof(Generated), Generated),
            (nameof(Dynamic), Dynamic),
            (nameof(Engine), Engine),
            (nameof(JsonWebTokenHandler), JsonWebTokenHandler),
            (nameof(JwtSecurityTokenHandler), JwtSecurityTokenHandler),
            (nameof(JoseJwt), JoseJwt),
            (nameof(JwtNet), JwtNet),
            (nameof(LeastWork), LeastWork),
        };
        return methods.Where(m => Supports(m.Name, Algorithm)).ToDictionary(m => m.Name, m => m.Mint());
    }
}
