using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.Benchmarks;

/// <summary>
/// The DI runtime as an app would have it: <c>AddJwtIssuer</c> over the <c>JwtIssuer</c> section of the
/// project's <c>appsettings.json</c> (the same file the source generator read at build time; the keys come
/// from the <c>Keys/</c> folder next to the binary), with a fixed clock so every token is the same.
/// </summary>
internal sealed class BenchIssuer : IDisposable
{
    private readonly ServiceProvider _services;

    private BenchIssuer(ServiceProvider services, IJwtIssuer issuer)
    {
        _services = services;
        Issuer = issuer;
    }

    public IJwtIssuer Issuer { get; }

    public static BenchIssuer Create()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile(BenchToken.OutputFile("appsettings.json"), optional: false, reloadOnChange: false)
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FixedTimeProvider()); // before AddJwtIssuer, which only adds the system clock if none is there
        services.AddJwtIssuer(configuration.GetSection("JwtIssuer"));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new BenchIssuer(provider, provider.GetRequiredService<IJwtIssuer>());
    }

    /// <summary>The profile of appsettings.json that signs with <paramref name="algorithm"/> ("HS256" → "Hs256").</summary>
    public static string ProfileFor(string algorithm) => algorithm[..1] + algorithm[1..].ToLowerInvariant();

    public void Dispose() => _services.Dispose();
}
