using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TokenIssuer.KeyManagement.Tests;

/// <summary>
/// Managed keys through <c>AddJwtIssuer()</c> in a real generic host: what a profile signs with on the first start and
/// after a restart, what the store's files hold, what the key ring publishes, and what start-up refuses.
/// </summary>
public class ManagedKeyIssuerTests
{
    private const string ApplicationName = "managed-key-issuer-tests";

    private static Dictionary<string, string?> Settings(params (string Path, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["JwtIssuer:Keys:signing:Managed:Algorithm"] = "ES256",
            ["JwtIssuer:Profiles:Access:SigningKey"] = "signing",
            ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
        };
        foreach (var (path, value) in extra) settings[path] = value;
        return settings;
    }

    private static IHost Build(Dictionary<string, string?> settings, DirectoryInfo store, DirectoryInfo keyRing)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production", ApplicationName = ApplicationName });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddDataProtection().PersistKeysToFileSystem(keyRing).SetApplicationName(ApplicationName);
        builder.Services.AddJwtIssuer().PersistKeysToFileSystem(store);
        return builder.Build();
    }

    private static async Task<IHost> StartAsync(Dictionary<string, string?> settings, DirectoryInfo store, DirectoryInfo keyRing)
    {
        var host = Build(settings, store, keyRing);
        await host.StartAsync();
        return host;
    }

    private static async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        host.Dispose();
    }

    private static string Kid(string token)
        => JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[0])).RootElement.GetProperty("kid").GetString()!;

    [Fact]
    public async Task TheFirstStartSignsAtOnceAndARestartedInstanceSignsWithTheCurrentKey()
    {
        var store = TestKeys.NewFolder("issuer-store");
        var keyRing = TestKeys.NewFolder("issuer-dp");

        // The default timings: a key announced 14 days before it signs, so signing now is the first start's rule.
        var first = await StartAsync(Settings(), store, keyRing);
        string kid = Kid(first.Services.GetRequiredService<IJwtIssuer>().Issue("Access", new Dictionary<string, object?> { ["sub"] = "a" }));
        var ring = first.Services.GetRequiredService<IJwtKeyRing>();
        var published = Assert.Single(ring.ValidationKeys);
        Assert.Equal((kid, JwtKeyState.Active, JwtAlgorithm.ES256), (published.KeyId, published.State, published.Algorithm));
        Assert.Contains("Access", published.Profiles);
        Assert.Equal(kid, ring.DescribeProfile("Access")!.KeyId);
        await StopAsync(first);

        var restarted = await StartAsync(Settings(), store, keyRing);
        try
        {
            Assert.Equal(kid, Kid(restarted.Services.GetRequiredService<IJwtIssuer>().Issue("Access", new Dictionary<string, object?> { ["sub"] = "b" })));
            Assert.Equal(kid, Assert.Single(await new FileSystemJwtKeyStore(store).LoadKeysAsync(CancellationToken.None)).KeyId);
        }
        finally
        {
            await StopAsync(restarted);
        }
    }

    [Fact]
    public async Task AManagedKeysTokenFactsAreItsDecodedHeaderAndClaimsOnTheDynamicAndProfileKeyPaths()
    {
        var host = await StartAsync(Settings(("JwtIssuer:Profiles:Access:JwtId", "managed-id")), TestKeys.NewFolder("facts-store"), TestKeys.NewFolder("facts-dp"));
        try
        {
            var issuer = host.Services.GetRequiredService<IJwtIssuer>();
            var dynamic = issuer.IssueToken("Access", new Dictionary<string, object?> { ["sub"] = "a" });
            // What a generated Issue{Profile}Token method calls.
            var typed = issuer.IssueToken(JwtProfileKey.For("Access"), "b", static (writer, sub) => writer.WriteString("sub", sub));

            string activeKid = host.Services.GetRequiredService<IJwtKeyRing>().DescribeProfile("Access")!.KeyId!;
            foreach (var issued in new[] { dynamic, typed })
            {
                using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(issued.Token.Split('.')[0]));
                using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(issued.Token.Split('.')[1]));
                var claims = payload.RootElement;
                Assert.Equal("Access", issued.Profile);
                Assert.Equal(header.RootElement.GetProperty("kid").GetString(), issued.KeyId);
                Assert.Equal(activeKid, issued.KeyId);
                Assert.Equal(header.RootElement.GetProperty("alg").GetString(), issued.Algorithm.ToString());
                Assert.Equal(claims.GetProperty("jti").GetString(), issued.JwtId);
                Assert.Equal("managed-id", issued.JwtId);
                Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("iat").GetInt64()), issued.IssuedAt);
                Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64()), issued.ExpiresAt);
                Assert.Equal(TimeSpan.FromMinutes(15), issued.ExpiresIn);
            }
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task NothingInTheStoreFolderRevealsThePrivateKey()
    {
        var store = TestKeys.NewFolder("grep-store");
        var keyRing = TestKeys.NewFolder("grep-dp");
        var host = await StartAsync(Settings(), store, keyRing);
        byte[] privateScalar, pkcs8;
        try
        {
            var key = (EcdsaSigningKey)host.Services.GetRequiredService<ManagedKeys>().Snapshots["signing"].Active.Key;
            privateScalar = key.Ecdsa.ExportParameters(includePrivateParameters: true).D!;
            pkcs8 = key.Ecdsa.ExportPkcs8PrivateKey();
        }
        finally
        {
            await StopAsync(host);
        }

        var files = store.EnumerateFiles("*", SearchOption.AllDirectories).ToArray();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            byte[] bytes = await File.ReadAllBytesAsync(file.FullName);
            string text = Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain("PRIVATE KEY", text);
            Assert.DoesNotContain("\"d\"", text);
            foreach (string encoded in new[] { Base64Url.EncodeToString(privateScalar), Convert.ToBase64String(privateScalar), Convert.ToHexString(privateScalar),
                Base64Url.EncodeToString(pkcs8), Convert.ToBase64String(pkcs8) })
            {
                Assert.DoesNotContain(encoded, text, StringComparison.OrdinalIgnoreCase);
            }
            Assert.False(bytes.AsSpan().IndexOf(privateScalar) >= 0, $"{file.Name} holds the private scalar in the clear");
        }
    }

    [Fact]
    public async Task AnIssuerCreatedBeforeTheHostStartsWaitsForItsKeyThenSigns()
    {
        var host = Build(Settings(), TestKeys.NewFolder("early-store"), TestKeys.NewFolder("early-dp"));
        try
        {
            // What MapOpenIdConfiguration does: the issuer exists before the host has loaded the managed keys.
            var issuer = host.Services.GetRequiredService<IJwtIssuer>();
            Assert.Contains("Access", issuer.Profiles);
            Assert.Null(host.Services.GetRequiredService<IJwtKeyRing>().DescribeProfile("Access")!.KeyId);
            var early = Assert.Throws<InvalidOperationException>(() => issuer.Issue("Access", new Dictionary<string, object?>()));
            Assert.Contains("managed key \"signing\"", early.Message);

            await host.StartAsync();

            string kid = Kid(issuer.Issue("Access", new Dictionary<string, object?> { ["sub"] = "a" }));
            Assert.Equal(kid, host.Services.GetRequiredService<IJwtKeyRing>().DescribeProfile("Access")!.KeyId);
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Theory]
    [InlineData("JwtIssuer:Keys:signing:Managed:RetentionTime", "10m", "JwtIssuer:Keys:signing:Managed:RetentionTime: 10m is shorter than the longest token lifetime")]
    [InlineData("JwtIssuer:Keys:signing:KeyId", "fixed", "JwtIssuer:Keys:signing:KeyId: a managed key has no fixed kid")]
    [InlineData("JwtIssuer:Keys:signing:Pem", "-----BEGIN PRIVATE KEY-----", "JwtIssuer:Keys:signing: the key sets Managed and Pem")]
    [InlineData("JwtIssuer:Profiles:Access:Algorithm", "RS256", "JwtIssuer:Profiles:Access:Algorithm: the profile signs with managed key 'signing', which generates ES256 keys")]
    [InlineData("JwtIssuer:Profiles:Access:KeyId", "fixed", "JwtIssuer:Profiles:Access:KeyId: the profile signs with managed key 'signing'")]
    [InlineData("JwtIssuer:Keys:signing:Managed:Algorithm", "HS256", "JwtIssuer:Keys:signing:Managed:Algorithm: HS256 cannot be managed")]
    [InlineData("JwtIssuer:Keys:signing:Managed:Rotation", "90d", "JwtIssuer:Keys:signing:Managed:Rotation: \"Rotation\" is not an option of a managed key")]
    public async Task StartUpRefusesAManagedKeyThatCannotWork(string path, string value, string expected)
    {
        using var host = Build(Settings((path, value)), TestKeys.NewFolder("refused-store"), TestKeys.NewFolder("refused-dp"));

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStoreThatCannotBeReadOnTheFirstStartFailsTheStartAndSaysWhich()
    {
        var notAFolder = new FileInfo(Path.Combine(TestKeys.NewFolder("store-is-a-file").FullName, "keys"));
        await File.WriteAllTextAsync(notAFolder.FullName, "not a folder");
        using var host = Build(Settings(), new DirectoryInfo(notAFolder.FullName), TestKeys.NewFolder("file-dp"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains($"cannot load its managed signing keys from file system ({notAFolder.FullName})", error.Message);
    }

    [Fact]
    public async Task AProfileWithoutExpiresInSignsWithAManagedKeyAndIsWarnedAbout()
    {
        var settings = Settings();
        settings.Remove("JwtIssuer:Profiles:Access:ExpiresIn");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production", ApplicationName = ApplicationName });
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLogCollector();
        builder.Services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(new Microsoft.Extensions.Logging.Testing.FakeLoggerProvider(logs));
        builder.Services.AddDataProtection().PersistKeysToFileSystem(TestKeys.NewFolder("no-exp-dp")).SetApplicationName(ApplicationName);
        builder.Services.AddJwtIssuer().PersistKeysToFileSystem(TestKeys.NewFolder("no-exp-store"));
        var host = builder.Build();
        await host.StartAsync();
        try
        {
            host.Services.GetRequiredService<IJwtIssuer>().Issue("Access", new Dictionary<string, object?> { ["sub"] = "a" });
            var warning = Assert.Single(logs.GetSnapshot(), r => r.Message.Contains("has no ExpiresIn", StringComparison.Ordinal));
            Assert.Contains("JwtIssuer:Profiles:Access: the profile signs with managed key 'signing'", warning.Message);
            Assert.Contains("from 14d (RetentionTime) to 90d", warning.Message);
        }
        finally
        {
            await StopAsync(host);
        }
    }
}
