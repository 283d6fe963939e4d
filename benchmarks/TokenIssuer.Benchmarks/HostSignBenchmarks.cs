using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using JwtHandler = Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler;

namespace TokenIssuer.Benchmarks;

/// <summary>
/// One token as a user's app mints it: a console host built with <c>Host.CreateApplicationBuilder</c>
/// (Production, the system clock, logging cleared, started), its profiles read from <c>appsettings.json</c>
/// by <c>services.AddJwtIssuer()</c>. Every method reads the system clock for <c>iat</c>, the least work
/// included, because every issuer has to. <c>GeneratedWithFacts</c> is <c>Issue{Profile}Token</c>: the token
/// with its facts (<see cref="JwtIssuedToken"/>), whose only allocation must stay the token string.
/// </summary>
[MemoryDiagnoser]
public class HostSignBenchmarks
{
    [Params("HS256", "ES256")]
    public string Algorithm { get; set; } = "HS256";

    private IHost _host = null!;
    private IJwtIssuer _issuer = null!;
    private string _profile = null!;
    private Dictionary<string, object?> _dynamicClaims = null!;
    private JwtHandler _handler = null!;
    private SecurityTokenDescriptor _descriptor = null!;
    private LeastWorkSigner _least = null!;
    private Family _family;
    private readonly List<IDisposable> _disposables = [];

    [GlobalSetup]
    public void Setup()
    {
        _family = BenchToken.FamilyOf(Algorithm);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory, // appsettings.json and Keys/ are copied next to the binary
        });
        builder.Logging.ClearProviders();
        builder.Services.AddJwtIssuer();
        _host = builder.Build();
        _host.StartAsync().GetAwaiter().GetResult();
        _issuer = _host.Services.GetRequiredService<IJwtIssuer>();
        _profile = BenchIssuer.ProfileFor(Algorithm);
        _dynamicClaims = new Dictionary<string, object?>
        {
            ["sub"] = BenchToken.Subject,
            ["name"] = BenchToken.Name,
            ["role"] = BenchToken.Role,
        };

        SecurityKey key;
        string algorithm;
        if (_family == Family.Hmac)
        {
            key = new SymmetricSecurityKey(BenchToken.SecretBytes) { KeyId = BenchToken.KeyIdFor(Algorithm) };
            algorithm = SecurityAlgorithms.HmacSha256;
        }
        else
        {
            var ecdsa = BenchToken.LoadEcdsa();
            _disposables.Add(ecdsa);
            key = new ECDsaSecurityKey(ecdsa) { KeyId = BenchToken.KeyIdFor(Algorithm) };
            algorithm = SecurityAlgorithms.EcdsaSha256;
        }
        // A factory of its own: the default one caches signature providers by kid across instances (--verify runs
        // SignBenchmarks first, whose ECDsa for the same kid is disposed by then).
        key.CryptoProviderFactory = new CryptoProviderFactory();
        _handler = new JwtHandler { SetDefaultTimesOnTokenCreation = false };
        _descriptor = new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["sub"] = BenchToken.Subject,
                ["name"] = BenchToken.Name,
                ["role"] = BenchToken.Role,
            },
            Issuer = BenchToken.Issuer,
            Audience = BenchToken.Audience,
            SigningCredentials = new SigningCredentials(key, algorithm),
        };
        _least = new LeastWorkSigner(Algorithm, TimeProvider.System);
        _disposables.Add(_least);

        long from = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var tokens = MintOnce();
        long to = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var (method, token) in tokens) TokenVerifier.Verify("Host " + method, Algorithm, token, from, to);
        var facts = GeneratedWithFacts();
        if (facts.Profile != _profile || facts.KeyId != BenchToken.KeyIdFor(Algorithm) || facts.ExpiresIn != TimeSpan.FromSeconds(BenchToken.LifetimeSeconds))
        {
            throw new InvalidOperationException($"Host GeneratedWithFacts ({Algorithm}): the facts {facts} are not those of the profile.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host?.StopAsync().GetAwaiter().GetResult();
        _host?.Dispose();
        foreach (var disposable in _disposables) disposable.Dispose();
        _disposables.Clear();
    }

    /// <summary>The generated method: <c>issuer.IssueHs256(sub, name, role)</c>.</summary>
    [Benchmark]
    public string Generated() => _family == Family.Hmac
        ? _issuer.IssueHs256(BenchToken.Subject, BenchToken.Name, BenchToken.Role)
        : _issuer.IssueEs256(BenchToken.Subject, BenchToken.Name, BenchToken.Role);

    /// <summary>The generated method that also returns the token's facts: <c>issuer.IssueHs256Token(sub, name, role)</c>.</summary>
    [Benchmark]
    public JwtIssuedToken GeneratedWithFacts() => _family == Family.Hmac
        ? _issuer.IssueHs256Token(BenchToken.Subject, BenchToken.Name, BenchToken.Role)
        : _issuer.IssueEs256Token(BenchToken.Subject, BenchToken.Name, BenchToken.Role);

    /// <summary>The dynamic path: <c>IJwtIssuer.Issue(profile, claims)</c> with a prepared dictionary.</summary>
    [Benchmark]
    public string Dynamic() => _issuer.Issue(_profile, _dynamicClaims);

    /// <summary>The dynamic path with the token's facts: <c>IJwtIssuer.IssueToken(profile, claims)</c>.</summary>
    [Benchmark]
    public JwtIssuedToken DynamicWithFacts() => _issuer.IssueToken(_profile, _dynamicClaims);

    /// <summary>JsonWebTokenHandler with prepared credentials; iat and exp from the system clock, as TokenIssuer's.</summary>
    [Benchmark]
    public string JsonWebTokenHandler()
    {
        var now = DateTime.UtcNow;
        _descriptor.IssuedAt = now;
        _descriptor.Expires = now.AddSeconds(BenchToken.LifetimeSeconds);
        return _handler.CreateToken(_descriptor);
    }

    /// <summary>The least work (<see cref="LeastWorkSigner"/> with the system clock): the baseline.</summary>
    [Benchmark(Baseline = true)]
    public string LeastWork() => _least.Mint();

    private Dictionary<string, string> MintOnce() => new()
    {
        [nameof(Generated)] = Generated(),
        [nameof(GeneratedWithFacts)] = GeneratedWithFacts().Token,
        [nameof(Dynamic)] = Dynamic(),
        [nameof(DynamicWithFacts)] = DynamicWithFacts().Token,
        [nameof(JsonWebTokenHandler)] = JsonWebTokenHandler(),
        [nameof(LeastWork)] = LeastWork(),
    };
}
