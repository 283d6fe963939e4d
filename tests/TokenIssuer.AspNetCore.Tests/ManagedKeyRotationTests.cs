using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using TokenIssuer.AspNetCore.Tests.Infrastructure;

namespace TokenIssuer.AspNetCore.Tests;

/// <summary>
/// Issue 11's "done when", on the wall clock with seconds-long intervals: two instances of an issuing app share one
/// <c>PersistKeysToFileSystem</c> folder and one Data Protection key ring, a third app validates their tokens with
/// stock <c>AddJwtBearer(o => { o.Authority = …; o.Audience = …; })</c>, and tokens are issued from both instances
/// across several rotations. Nothing is waited for a fixed time: the loop samples until the rotations have happened,
/// within a bound.
/// </summary>
public sealed class ManagedKeyRotationTests
{
    private const string PublicUrl = "https://id.example.com";
    private const string ApplicationName = "managed-key-rotation-tests";

    // Rotation every 7 s, announced 3 s before signing, kept 3 s after: RetentionTime covers ExpiresIn (2 s).
    // PropagationTime must cover the two lags before a validator has a new key: an instance that did not create it
    // reads the store at least every PropagationTime / 2 (1.5 s), and the validator refreshes every second or so.
    private static readonly TimeSpan Retention = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task TwoInstancesOnOneStoreRotateWithoutADownstreamServiceRejectingAToken()
    {
        using var store = new TempDirectory();
        using var dataProtection = new TempDirectory();
        WarmUpKeyRing(dataProtection.Path);

        var started = await Task.WhenAll(StartIssuer(store.Path, dataProtection.Path), StartIssuer(store.Path, dataProtection.Path));
        await using var a = started[0];
        await using var b = started[1];
        await using var downstream = await DownstreamValidator.StartAsync(PublicUrl, "orders-api", a.CreateHandler(), b.CreateHandler());

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var firstPublished = new Dictionary<string, TimeSpan>();
        var firstSigned = new Dictionary<string, TimeSpan>();
        var lastSigned = new Dictionary<string, TimeSpan>();
        var unpublished = new Dictionary<string, TimeSpan>();
        var disagreements = new List<(TimeSpan At, string A, string B)>();
        var rejected = new List<(TimeSpan At, string Kid)>();
        int validated = 0;
        string? firstKey = null;

        while (clock.Elapsed < Deadline)
        {
            // The JWKS of both instances first: a key that signs below must have been in one before.
            var published = (await Jwks(a)).Union(await Jwks(b)).ToHashSet();
            foreach (string kid in published) firstPublished.TryAdd(kid, clock.Elapsed);
            foreach (string kid in firstPublished.Keys.Where(k => !published.Contains(k))) unpublished.TryAdd(kid, clock.Elapsed);

            string tokenA = a.Issuer.Issue("Access", new Dictionary<string, object?> { ["sub"] = "from-a" });
            string tokenB = b.Issuer.Issue("Access", new Dictionary<string, object?> { ["sub"] = "from-b" });
            var now = clock.Elapsed;
            string kidA = new Jwt(tokenA).Kid!, kidB = new Jwt(tokenB).Kid!;
            foreach (string kid in new[] { kidA, kidB })
            {
                firstKey ??= kid;
                firstSigned.TryAdd(kid, now);
                lastSigned[kid] = now;
            }
            if (kidA != kidB) disagreements.Add((now, kidA, kidB));

            foreach (string token in new[] { tokenA, tokenB })
            {
                if (await downstream.AcceptsAsync(token)) validated++;
                else rejected.Add((now, new Jwt(token).Kid!));
            }

            // Done once the first key has been replaced, then a second rotation has happened, and the first key has left.
            bool twoRotations = firstSigned.Keys.Count(k => k != firstKey) >= 2;
            if (twoRotations && firstKey is not null && unpublished.ContainsKey(firstKey)) break;
            await Task.Delay(100);
        }

        // What happened, for the messages: each key's first publication, first and last signing, and departure.
        string timeline = string.Join("; ", firstPublished.Select(p => $"{p.Key[..8]} published {p.Value.TotalSeconds:0.0}s" +
            (firstSigned.TryGetValue(p.Key, out var f) ? $", signed {f.TotalSeconds:0.0}s-{lastSigned[p.Key].TotalSeconds:0.0}s" : ", never signed") +
            (unpublished.TryGetValue(p.Key, out var g) ? $", gone {g.TotalSeconds:0.0}s" : "")));
        Assert.True(firstSigned.Keys.Count(k => k != firstKey) >= 2, $"only {firstSigned.Count} keys signed within {Deadline}: {timeline}");
        Assert.True(rejected.Count == 0, $"{rejected.Count} of {rejected.Count + validated} tokens were rejected downstream ({string.Join(", ", rejected.Select(r => $"{r.Kid[..8]} at {r.At.TotalSeconds:0.0}s"))}): {timeline}");

        // Every key after the first was published before it signed (the first signs at once: nothing can have cached an older set).
        foreach (var (kid, signed) in firstSigned.Where(s => s.Key != firstKey))
        {
            Assert.True(firstPublished[kid] < signed, $"key {kid} signed at {signed} but was first published at {firstPublished[kid]}");
        }

        // The instances disagree only in the moment a key activates (each switches on its own timer).
        foreach (var (at, kidA, kidB) in disagreements)
        {
            var activation = new[] { firstSigned[kidA], firstSigned[kidB] }.Max();
            Assert.True(at - activation < TimeSpan.FromSeconds(1.5), $"at {at} instance A signed with {kidA} and B with {kidB}, {at - activation} after the younger one activated");
        }

        // A key leaves the JWKS only after its retention: never while a token it signed can still be valid.
        // (A key that left without ever signing is a duplicate its creator deleted at once: another instance created one for the same rotation.)
        foreach (var (kid, gone) in unpublished.Where(u => lastSigned.ContainsKey(u.Key)))
        {
            Assert.True(gone - lastSigned[kid] >= Retention - TimeSpan.FromSeconds(0.5), $"key {kid} last signed at {lastSigned[kid]} and left the JWKS at {gone}");
        }
        Assert.Contains(firstKey!, unpublished.Keys);
    }

    /// <summary>Creates the shared Data Protection key before the instances start, as a deployment has it.</summary>
    private static void WarmUpKeyRing(string folder)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(folder)).SetApplicationName(ApplicationName);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("warm-up").Protect("warm-up");
    }

    private static Task<IssuerHost> StartIssuer(string store, string dataProtection) => IssuerHost.StartAsync(
        IssuerHost.Configuration(
            ("JwtIssuer:PublicUrl", PublicUrl),
            ("JwtIssuer:Keys:signing:Managed:Algorithm", "ES256"),
            ("JwtIssuer:Keys:signing:Managed:RotationInterval", "7s"),
            ("JwtIssuer:Keys:signing:Managed:PropagationTime", "3s"),
            ("JwtIssuer:Keys:signing:Managed:RetentionTime", "3s"),
            ("JwtIssuer:Profiles:Access:SigningKey", "signing"),
            ("JwtIssuer:Profiles:Access:ExpiresIn", "2s"),
            ("JwtIssuer:Profiles:Access:Issuer", PublicUrl),
            ("JwtIssuer:Profiles:Access:Audience", "orders-api")),
        configure: builder =>
        {
            builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(dataProtection)).SetApplicationName(ApplicationName);
            builder.Services.AddJwtIssuer().PersistKeysToFileSystem(new DirectoryInfo(store));
        },
        map: app =>
        {
            app.MapJwks();
            app.MapOpenIdConfiguration();
        });

    private static async Task<HashSet<string>> Jwks(IssuerHost issuer)
    {
        using var response = await issuer.Client.GetAsync("/.well-known/jwks.json");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToHashSet();
    }
}
