using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using TokenIssuer.AspNetCore.Tests.Infrastructure;

namespace TokenIssuer.AspNetCore.Tests;

/// <summary>
/// <c>AddHealthChecks().AddJwtIssuer()</c> with <c>MapHealthChecks("/health")</c>: each state from a real cause (a store
/// that fails, a clock past a key's rotation, a development key file used in Production), through the endpoint and
/// through the report's description.
/// </summary>
public sealed class JwtIssuerHealthCheckTests
{
    private const string PublicUrl = "https://id.example.com";

    [Fact]
    public async Task AManagedKeyOnAReadableStoreIsHealthyAndTheDescriptionNamesTheStoreAndNoKeyMaterial()
    {
        using var folder = new TempDirectory();
        await using var host = await StartManaged(new SwitchableStore(new FileSystemJwtKeyStore(new DirectoryInfo(folder.Path))));

        var (status, body) = await Health(host);
        var entry = await Entry(host);

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (status, body));
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Contains($"managed keys signing in file system ({folder.Path})", entry.Description, StringComparison.Ordinal);
        Assert.Contains("1 profile(s) signing (Access)", entry.Description, StringComparison.Ordinal);
        string stored = File.ReadAllText(Directory.GetFiles(folder.Path, "key-*.json").Single());
        string protectedKey = System.Text.Json.JsonDocument.Parse(stored).RootElement.GetProperty("protected").GetString()!;
        Assert.DoesNotContain(protectedKey[..20], entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoreThatCannotBeReadIsUnhealthyNamingItWhileTheIssuerGoesOnSigning()
    {
        using var folder = new TempDirectory();
        var store = new SwitchableStore(new FileSystemJwtKeyStore(new DirectoryInfo(folder.Path)));
        await using var host = await StartManaged(store);

        store.Down = true;
        var (status, body) = await Health(host);
        var entry = await Entry(host);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (status, body));
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.StartsWith($"TokenIssuer cannot read its managed key store file system ({folder.Path}) (IOException)", entry.Description, StringComparison.Ordinal);
        Assert.IsType<IOException>(entry.Exception);
        Assert.NotNull(host.Issuer.Issue("Access", new Dictionary<string, object?> { ["sub"] = "x" }));

        store.Down = false;
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await Health(host));
    }

    [Fact]
    public async Task AnActiveKeyPastItsRotationWithNoSuccessorReadyIsDegradedUntilTheSuccessorSigns()
    {
        using var folder = new TempDirectory();
        var store = new SwitchableStore(new FileSystemJwtKeyStore(new DirectoryInfo(folder.Path)));
        // The first key comes from an instance on the system clock: a first start waits its synchronisation delay,
        // which a test clock would never let pass. The test clock then starts from the key's creation.
        await using (await StartManaged(store)) { }
        var created = (await store.LoadKeysAsync(CancellationToken.None)).Single().Created;
        var clock = new FakeTimeProvider(created);
        await using var host = await StartManaged(store, clock);
        string first = SigningKid(host);

        // The store is down when the next key falls due (50 min) and still when the first key's rotation (1 h) passes.
        store.Down = true;
        clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HealthStatus.Unhealthy, (await Entry(host)).Status);

        // Back: readable, but the key that signs is past its rotation and its successor is not announced long enough.
        store.Down = false;
        var degraded = await Entry(host);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains($"managed key \"signing\" signs with {first}, past its rotation time {created.AddHours(1):O}, and no successor is ready", degraded.Description, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "Degraded"), await Health(host));

        // The manager retries, creates the successor, and it signs after its propagation time (10 min): healthy again.
        // Bounded on the wall clock, generously: the manager works on thread-pool threads, which a loaded machine runs late.
        var bound = System.Diagnostics.Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(60);
        while (SigningKid(host) == first && bound.Elapsed < limit)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(20);
        }
        Assert.True(SigningKid(host) != first, $"{first} still signs {limit.TotalSeconds} s later ({clock.GetUtcNow() - created} on the test clock after its creation)");
        Assert.Equal(HealthStatus.Healthy, (await Entry(host)).Status);
    }

    [Fact]
    public async Task ADevelopmentKeyFileSigningOutsideDevelopmentIsDegraded()
    {
        using var developmentKeys = new TempDirectory();
        string pem = developmentKeys.WriteFile("Access.ES256.key", GeneratedEcKeyPem());
        await using var host = await IssuerHost.StartAsync(
            IssuerHost.Configuration(
                ("JwtIssuer:DevelopmentKeysDirectory", developmentKeys.Path),
                ("JwtIssuer:Keys:copied:PemFile", pem),
                ("JwtIssuer:Profiles:Access:SigningKey", "copied"),
                ("JwtIssuer:Profiles:Access:Algorithm", "ES256"),
                ("JwtIssuer:Profiles:Access:ExpiresIn", "5m")),
            configure: builder => builder.Services.AddHealthChecks().AddJwtIssuer(),
            map: app => app.MapHealthChecks("/health"));

        var entry = await Entry(host);

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains($"profile \"Access\" signs with a development key ({pem}) outside Development", entry.Description, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "Degraded"), await Health(host));
    }

    [Fact]
    public async Task DevelopmentKeysInDevelopmentAreHealthy()
    {
        await using var host = await IssuerHost.StartAsync(
            IssuerHost.Configuration(("JwtIssuer:Profiles:Access:Algorithm", "ES256"), ("JwtIssuer:Profiles:Access:ExpiresIn", "5m")),
            environment: "Development",
            configure: builder => builder.Services.AddHealthChecks().AddJwtIssuer(),
            map: app => app.MapHealthChecks("/health"));

        Assert.Equal(HealthStatus.Healthy, (await Entry(host)).Status);
    }

    private static Task<IssuerHost> StartManaged(IJwtKeyStore store, TimeProvider? clock = null) => IssuerHost.StartAsync(
        IssuerHost.Configuration(
            ("JwtIssuer:PublicUrl", PublicUrl),
            ("JwtIssuer:Keys:signing:Managed:Algorithm", "ES256"),
            ("JwtIssuer:Keys:signing:Managed:RotationInterval", "1h"),
            ("JwtIssuer:Keys:signing:Managed:PropagationTime", "10m"),
            ("JwtIssuer:Keys:signing:Managed:RetentionTime", "10m"),
            ("JwtIssuer:Profiles:Access:SigningKey", "signing"),
            ("JwtIssuer:Profiles:Access:ExpiresIn", "5m")),
        configure: builder =>
        {
            if (clock is not null) builder.Services.AddSingleton(clock);
            builder.Services.AddSingleton(store);
            builder.Services.AddHealthChecks().AddJwtIssuer();
        },
        map: app => app.MapHealthChecks("/health"));

    private static string SigningKid(IssuerHost host) => new Jwt(host.Issuer.Issue("Access", new Dictionary<string, object?> { ["sub"] = "probe" })).Kid!;

    private static async Task<(HttpStatusCode, string)> Health(IssuerHost host)
    {
        using var response = await host.Client.GetAsync("/health");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HealthReportEntry> Entry(IssuerHost host)
        => (await host.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries[JwtIssuerHealthChecksBuilderExtensions.DefaultName];

    private static string GeneratedEcKeyPem()
    {
        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return ec.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>A store that fails every call while <see cref="Down"/>, as an unreachable server does.</summary>
    private sealed class SwitchableStore(IJwtKeyStore inner) : IJwtKeyStore
    {
        public volatile bool Down;

        public string Description => inner.Description;

        public Task<IReadOnlyCollection<JwtStoredKey>> LoadKeysAsync(CancellationToken cancellationToken) => Down ? throw new IOException("down") : inner.LoadKeysAsync(cancellationToken);

        public Task<bool> TryAddKeyAsync(JwtStoredKey key, CancellationToken cancellationToken) => Down ? throw new IOException("down") : inner.TryAddKeyAsync(key, cancellationToken);

        public Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken) => Down ? throw new IOException("down") : inner.DeleteKeyAsync(keyId, cancellationToken);
    }
}
