using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>
/// One instance of an issuing app on TestServer: <c>AddJwtIssuer()</c> from the test's settings, the shared store
/// and Data Protection key ring, the JWKS and discovery endpoints, and a captured log. Several of them on one
/// store are several instances of one app behind a load balancer.
/// </summary>
internal sealed class IssuingInstance : IAsyncDisposable
{
    public const string PublicUrl = "https://id.example.com";

    private IssuingInstance(WebApplication app, CapturingLoggerProvider logs)
    {
        App = app;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public IJwtIssuer Issuer => App.Services.GetRequiredService<IJwtIssuer>();

    /// <summary>A handler that sends any request to this instance, for a validator's backchannel.</summary>
    public HttpMessageHandler CreateHandler() => App.GetTestServer().CreateHandler();

    /// <summary>Managed key <c>signing</c> (ES256) with the given timings, and profile <c>Access</c> signing with it.</summary>
    public static Dictionary<string, string?> Settings(TimeSpan rotation, TimeSpan propagation, TimeSpan retention, TimeSpan expiresIn) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["JwtIssuer:PublicUrl"] = PublicUrl,
        ["JwtIssuer:Keys:signing:Managed:Algorithm"] = "ES256",
        ["JwtIssuer:Keys:signing:Managed:RotationInterval"] = Duration(rotation),
        ["JwtIssuer:Keys:signing:Managed:PropagationTime"] = Duration(propagation),
        ["JwtIssuer:Keys:signing:Managed:RetentionTime"] = Duration(retention),
        ["JwtIssuer:Profiles:Access:SigningKey"] = "signing",
        ["JwtIssuer:Profiles:Access:ExpiresIn"] = Duration(expiresIn),
        ["JwtIssuer:Profiles:Access:Issuer"] = PublicUrl,
        ["JwtIssuer:Profiles:Access:Audience"] = "orders-api",
    };

    /// <summary>Builds and starts an instance; a start-up failure (the store unreachable) is thrown, after disposing what was built.</summary>
    /// <param name="timings">The key manager's own timings (how soon a failed store is retried, how long a first start waits for other instances).</param>
    public static async Task<IssuingInstance> StartAsync(SharedStore store, SharedKeyRing keyRing, IReadOnlyDictionary<string, string?> settings,
        ManagedKeyManagerOptions? timings = null, Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null)
    {
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = SharedKeyRing.ApplicationName });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        keyRing.Add(builder.Services);
        store.Persist(builder.Services, builder.Services.AddJwtIssuer());
        if (timings is not null) builder.Services.AddSingleton(timings);
        configure?.Invoke(builder);

        WebApplication? app = null;
        try
        {
            app = builder.Build();
            app.MapJwks();
            app.MapOpenIdConfiguration();
            map?.Invoke(app);
            await app.StartAsync();
            return new IssuingInstance(app, logs);
        }
        catch
        {
            if (app is not null) await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The kids of this instance's JWKS.</summary>
    public async Task<HashSet<string>> JwksAsync()
    {
        using var response = await Client.GetAsync("/.well-known/jwks.json");
        response.EnsureSuccessStatusCode();
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToHashSet();
    }

    /// <summary>The kid the instance signs with now.</summary>
    public string SigningKid() => new Jwt(Issuer.Issue("Access", new Dictionary<string, object?> { ["sub"] = "probe" })).Kid!;

    private static string Duration(TimeSpan value) => $"{value.TotalMilliseconds}ms";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
