using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TokenIssuer.HardeningTests.Concurrency;

[CollectionDefinition(nameof(RotationUnderLoad), DisableParallelization = true)]
public sealed class RotationUnderLoad;

/// <summary>
/// Eight threads issue HS256, RS256, PS256 and ES256 tokens while the main thread rotates every key:
/// the HMAC secret and the RSA key through configuration reloads, the EC key by rewriting its PEM file
/// and calling the internal JwtIssuer.Reload(). Every token must be well-formed, carry the kid of the
/// key that signed it, and verify with that key; no call may fail.
/// </summary>
[Collection(nameof(RotationUnderLoad))]
public sealed class RotationUnderLoadTests(ITestOutputHelper output)
{
    private const int Threads = 8;
    private const int TokensPerThread = 5_000;
    private const int Rotations = 12;

    /// <summary>A thread's tokens in Rotations + 1 segments: segment s is issued only once rotation s has happened.</summary>
    private const int Segment = TokensPerThread / (Rotations + 1);

    /// <summary>Each key rotates every other rotation (HMAC and RSA on odd ones, EC on even ones): its first key and six more.</summary>
    private const int KeysPerProfile = Rotations / 2 + 1;

    private static readonly string[] Profiles = ["Hs", "Rs", "Ps", "Es"];

    /// <summary>Mostly HS and ES (RSA signing costs ~1 ms a token): 60 % HS256, 30 % ES256, 5 % RS256, 5 % PS256.</summary>
    private static string ProfileFor(int n) => (n % 20) switch
    {
        0 => "Rs",
        1 => "Ps",
        < 8 => "Es",
        _ => "Hs",
    };

    /// <summary>
    /// The EC key from a PemFile: the file is rewritten and JwtIssuer.Reload() called, as a file watcher
    /// does, while configuration reloads rotate the other keys. Each rotation step must finish within
    /// <see cref="StepLimit"/>: a step that does not is a deadlock, reported instead of hanging the run.
    /// </summary>
    [Fact]
    public Task WithAPemFileRewrittenAndReloadedTokensAllVerifyWithTheKeyOfTheirKid() => Run(pemFile: true);

    /// <summary>The same load with every key rotated through configuration reloads, and Reload() swapping in fresh plans.</summary>
    [Fact]
    public Task WithConfigurationReloadsTokensAllVerifyWithTheKeyOfTheirKid() => Run(pemFile: false);

    private static readonly TimeSpan StepLimit = TimeSpan.FromSeconds(20);

    /// <summary>How long the workers may go without issuing a token, or wait for a rotation, before the test calls them stuck: a bound, not a measurement.</summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    private async Task Run(bool pemFile)
    {
        var random = new Random(Seeds.Concurrency);
        using var folder = new TempDirectory();
        var verifiers = new ConcurrentDictionary<string, object>();
        var rsaKeys = new[] { TestKeys.Rsa2048, TestKeys.Rsa2048B, RSA.Create(2048) };
        int generation = 0;

        (string Kid, string SecretBase64) NewSecret()
        {
            var secret = new byte[48];
            random.NextBytes(secret);
            string kid = $"hs-{generation}";
            Assert.True(verifiers.TryAdd(kid, secret));
            return (kid, Convert.ToBase64String(secret));
        }
        (string Kid, string Pem) NewRsa()
        {
            var rsa = rsaKeys[generation % rsaKeys.Length];
            string kid = $"rsa-{generation}";
            Assert.True(verifiers.TryAdd(kid, rsa));
            return (kid, TestKeys.Pkcs8Pem(rsa));
        }
        string NewEc()
        {
            var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            Assert.True(verifiers.TryAdd(TestKeys.Thumbprint(ec), ec));
            return TestKeys.Pkcs8Pem(ec);
        }

        var hs = NewSecret();
        var rs = NewRsa();
        var configuration = new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:hs:SecretBase64"] = hs.SecretBase64,
            ["JwtIssuer:Keys:hs:KeyId"] = hs.Kid,
            ["JwtIssuer:Keys:rsa:Pem"] = rs.Pem,
            ["JwtIssuer:Keys:rsa:KeyId"] = rs.Kid,
        };
        if (pemFile)
        {
            folder.WriteFile("keys/es.pem", NewEc());
            configuration["JwtIssuer:Keys:es:PemFile"] = "keys/es.pem";
        }
        else
        {
            configuration["JwtIssuer:Keys:es:Pem"] = NewEc();
        }
        foreach (var (profile, key, alg) in new[] { ("Hs", "hs", "HS256"), ("Rs", "rsa", "RS256"), ("Ps", "rsa", "PS256"), ("Es", "es", "ES256") })
        {
            configuration[$"JwtIssuer:Profiles:{profile}:SigningKey"] = key;
            configuration[$"JwtIssuer:Profiles:{profile}:Algorithm"] = alg;
            configuration[$"JwtIssuer:Profiles:{profile}:ExpiresIn"] = "15m";
        }
        var host = await TestHosts.StartAsync(configuration, contentRoot: folder.Path);
        bool deadlocked = false;
        try
        {
        var issuer = host.Issuer;

        int issued = 0;
        var errors = new ConcurrentQueue<Exception>();
        // rotated[s] is set once rotation s has happened (rotated[0] at once).
        var rotated = Enumerable.Range(0, Rotations + 1).Select(s => new ManualResetEventSlim(s == 0)).ToArray();
        var tokens = new string[Threads][];
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(() =>
        {
            var mine = new string[TokensPerThread];
            for (int i = 0; i < TokensPerThread; i++)
            {
                // Segment s waits for rotation s: whatever the threads' pace next to the rotations, every key a rotation
                // brings signs tokens of every profile before the next rotation (the check at the end relies on it).
                int segment = Math.Min(i / Segment, Rotations);
                if (i % Segment == 0 && !rotated[segment].Wait(StallLimit)) throw new TimeoutException($"thread {t} waited {StallLimit.TotalSeconds} s for rotation {segment}");
                int n = t * TokensPerThread + i;
                try
                {
                    mine[i] = issuer.Issue(ProfileFor(n), new Dictionary<string, object?> { ["n"] = n });
                }
                catch (Exception e)
                {
                    errors.Enqueue(e);
                }
                Interlocked.Increment(ref issued);
            }
            tokens[t] = mine;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        int rotations = 0;
        try
        {
            for (int rotation = 1; rotation <= Rotations; rotation++)
            {
                // Half-way through segment rotation - 1, which no thread can leave before this rotation: at least half a
                // segment of every thread's worth was issued with the keys of rotation - 1, and the rest is issued while they change.
                int threshold = (2 * rotation - 1) * Segment * Threads / 2;
                var spin = new SpinWait();
                int lastSeen = -1;
                var sinceProgress = Stopwatch.StartNew();
                for (int now = Volatile.Read(ref issued); now < threshold && !workers.Any(w => w.IsCompleted); now = Volatile.Read(ref issued))
                {
                    if (now != lastSeen)
                    {
                        lastSeen = now;
                        sinceProgress.Restart();
                    }
                    Assert.True(sinceProgress.Elapsed < StallLimit, $"before rotation {rotation}: the workers stopped issuing at {now:N0} tokens (waiting for {threshold:N0})");
                    spin.SpinOnce();
                }
                if (workers.Any(w => w.IsFaulted)) break;

                generation = rotation;
                Action step;
                if (rotation % 2 == 1)
                {
                    var secret = NewSecret();
                    var rsa = NewRsa();
                    step = () => host.Configuration.Change(
                        ("JwtIssuer:Keys:hs:SecretBase64", secret.SecretBase64), ("JwtIssuer:Keys:hs:KeyId", secret.Kid),
                        ("JwtIssuer:Keys:rsa:Pem", rsa.Pem), ("JwtIssuer:Keys:rsa:KeyId", rsa.Kid));
                }
                else if (pemFile)
                {
                    string pem = NewEc();
                    step = () =>
                    {
                        folder.WriteFile("keys/es.pem", pem);
                        host.Runtime.Reload();
                    };
                }
                else
                {
                    string pem = NewEc();
                    step = () =>
                    {
                        host.Configuration.Change(("JwtIssuer:Keys:es:Pem", pem));
                        host.Runtime.Reload();
                    };
                }
                // On a thread of its own, bounded: a rotation that never returns is a deadlock to report, not a hung test run.
                if (!await Bounded.FinishesWithin(step, StepLimit))
                {
                    deadlocked = true;
                    Assert.Fail($"rotation {rotation} ({(rotation % 2 == 1 ? "configuration reload" : pemFile ? "PEM file rewrite + Reload()" : "configuration reload + Reload()")}) did not return within {StepLimit.TotalSeconds} s: the reload is deadlocked");
                }
                rotations++;
                rotated[rotation].Set();
            }
        }
        finally
        {
            // Whatever happened, no thread waits for a rotation that will not come.
            foreach (var gate in rotated) gate.Set();
        }
        await Task.WhenAll(workers).WaitAsync(StallLimit);
        foreach (var gate in rotated) gate.Dispose();
        var issuing = watch.Elapsed;

        Assert.True(errors.IsEmpty, $"{errors.Count} Issue() calls failed; first: {errors.FirstOrDefault()}");
        var all = tokens.SelectMany(t => t).ToList();
        Assert.Equal(Threads * TokensPerThread, all.Count);

        var failures = new Failures();
        var kidsByProfile = Profiles.ToDictionary(p => p, _ => new HashSet<string>());
        var countByProfile = Profiles.ToDictionary(p => p, _ => 0);
        var seen = new bool[Threads * TokensPerThread];
        var handler = new JsonWebTokenHandler();
        int handlerChecked = 0;
        foreach (string text in all)
        {
            Jwt token;
            try
            {
                token = new Jwt(text);
            }
            catch (Exception e)
            {
                failures.Add(text, $"malformed token: {e.Message}");
                continue;
            }
            int n = token.Payload.GetProperty("n").GetInt32();
            string profile = ProfileFor(n);
            seen[n] = true;
            countByProfile[profile]++;
            string expectedAlg = profile == "Es" ? "ES256" : profile.ToUpperInvariant() + "256";
            if (token.Alg != expectedAlg) failures.Add(text, $"{profile} token signed {token.Alg}");
            if (token.Kid is not { } kid || !verifiers.TryGetValue(kid, out var verifier))
            {
                failures.Add(text, $"{profile} token with an unknown kid {token.Kid}");
                continue;
            }
            kidsByProfile[profile].Add(kid);
            if (!token.VerifiesWith(verifier)) failures.Add(text, $"{profile} token does not verify with the key of its kid {kid}");
            if (n % 97 == 0)
            {
                handlerChecked++;
                SecurityKey securityKey = verifier switch
                {
                    byte[] secret => new SymmetricSecurityKey(secret),
                    AsymmetricAlgorithm key => TestKeys.PublicSecurityKey(key),
                    _ => throw new InvalidOperationException(),
                };
                var result = await handler.ValidateTokenAsync(text, new TokenValidationParameters
                {
                    IssuerSigningKey = securityKey,
                    ValidateIssuer = false,
                    ValidateAudience = false,
                    ValidateLifetime = false,
                });
                if (!result.IsValid) failures.Add(text, $"JsonWebTokenHandler rejected a {profile} token: {result.Exception?.Message}");
            }
        }
        Assert.All(seen, Assert.True);

        output.WriteLine($"{all.Count:N0} tokens issued by {Threads} threads in {issuing.TotalSeconds:F1} s during {rotations} rotations; verified in {(watch.Elapsed - issuing).TotalSeconds:F1} s ({handlerChecked} also by JsonWebTokenHandler)");
        foreach (string profile in Profiles) output.WriteLine($"  {profile}: {countByProfile[profile]:N0} tokens under {kidsByProfile[profile].Count} kids");
        failures.AssertNone("tokens issued during rotation are wrong");
        Assert.Empty(host.Logs.TokenIssuerEvents(3));
        // The rotations really happened under load: every profile signed with every key its rotations brought.
        Assert.Equal(Rotations, rotations);
        Assert.All(Profiles, profile => Assert.True(kidsByProfile[profile].Count == KeysPerProfile,
            $"{profile}: {kidsByProfile[profile].Count} kid(s) of {KeysPerProfile} ({string.Join(", ", kidsByProfile[profile].Order(StringComparer.Ordinal))})"));
        }
        finally
        {
            // A deadlocked issuer cannot be disposed (Dispose takes the same lock): leave it to the process exit.
            if (!deadlocked) await host.DisposeAsync();
        }
    }
}
