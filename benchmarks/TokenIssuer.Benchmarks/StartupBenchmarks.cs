using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.Benchmarks;

/// <summary>
/// Start-up cost of an app with <see cref="ProfileCount"/> (100 and 400) HS256 profiles over <see cref="KeyCount"/> HMAC keys,
/// all from in-memory configuration (built once in the setup, as the app's configuration is):
/// <list type="bullet">
/// <item><c>BuildAndResolveIssuer</c>: <c>new ServiceCollection()</c>, <c>AddJwtIssuer(section)</c>,
/// <c>BuildServiceProvider()</c> and the first <c>GetRequiredService&lt;IJwtIssuer&gt;()</c>, which reads the
/// options, loads the keys, compiles and validates every profile (then the provider is disposed).</item>
/// <item><c>BuildProviderOnly</c>: the same without resolving the issuer: the DI part alone.</item>
/// </list>
/// </summary>
// Min and Median beside the Mean: on a shared machine the Mean carries every other process's load.
[MemoryDiagnoser, MinColumn, MedianColumn]
public class StartupBenchmarks
{
    public const int KeyCount = 10;

    /// <summary>The number of profiles: start-up must grow linearly with it (400 profiles under 10 ms).</summary>
    [Params(100, 400)]
    public int ProfileCount { get; set; } = 100;

    private IConfigurationSection _section = null!;

    [GlobalSetup]
    public void Setup()
    {
        _section = new ConfigurationBuilder().AddInMemoryCollection(Settings(ProfileCount)).Build().GetSection("JwtIssuer");

        // What is measured must work: every profile compiled, and a token of the last one verifies.
        using var provider = Build();
        var issuer = provider.GetRequiredService<IJwtIssuer>();
        if (issuer.Profiles.Count != ProfileCount) throw new InvalidOperationException($"{issuer.Profiles.Count} profiles were compiled, not {ProfileCount}.");
        string token = issuer.Issue($"Profile{ProfileCount - 1:D3}", new Dictionary<string, object?>
        {
            ["sub"] = BenchToken.Subject,
            ["name"] = BenchToken.Name,
            ["role"] = BenchToken.Role,
        });
        TokenVerifier.Verify("Startup", "HS256", token);
    }

    [Benchmark]
    public int BuildAndResolveIssuer()
    {
        using var provider = Build();
        return provider.GetRequiredService<IJwtIssuer>().Profiles.Count;
    }

    [Benchmark]
    public int BuildProviderOnly()
    {
        using var provider = Build();
        return provider.GetHashCode();
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FixedTimeProvider());
        services.AddJwtIssuer(_section);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// <c>JwtIssuer:Keys:key0..key9</c> (48-byte secrets, each its own, the last profile's the benchmark's
    /// so that its token verifies; each with its own kid) and <c>JwtIssuer:Profiles:Profile000..</c> (<paramref name="profileCount"/>
    /// of them), each HS256 with a 15-minute lifetime, an issuer, an audience and 3 parameters.
    /// </summary>
    internal static Dictionary<string, string?> Settings(int profileCount)
    {
        var settings = new Dictionary<string, string?>();
        for (int k = 0; k < KeyCount; k++)
        {
            // Each key its own secret, as real keys are (ten keys with one secret would make every profile
            // interchangeable with every other, 79,800 warnings at 400 profiles); the last profile's key is the
            // benchmark's, so its token verifies.
            bool verified = k == (profileCount - 1) % KeyCount;
            settings[$"JwtIssuer:Keys:key{k}:Secret"] = verified ? BenchToken.Secret : string.Create(CultureInfo.InvariantCulture, $"startup-benchmark-key-{k:D2}-0123456789abcdefghijklmn");
            settings[$"JwtIssuer:Keys:key{k}:KeyId"] = verified ? BenchToken.KeyId : $"key-{k}";
        }
        for (int p = 0; p < profileCount; p++)
        {
            string prefix = string.Create(CultureInfo.InvariantCulture, $"JwtIssuer:Profiles:Profile{p:D3}:");
            settings[prefix + "Algorithm"] = "HS256";
            settings[prefix + "SigningKey"] = $"key{p % KeyCount}";
            settings[prefix + "ExpiresIn"] = "15m";
            settings[prefix + "Issuer"] = BenchToken.Issuer;
            settings[prefix + "Audience:0"] = BenchToken.Audience;
            settings[prefix + "Parameters:sub"] = "string";
            settings[prefix + "Parameters:name"] = "string";
            settings[prefix + "Parameters:role"] = "string";
        }
        return settings;
    }
}
