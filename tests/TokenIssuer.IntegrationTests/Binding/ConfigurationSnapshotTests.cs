using System.Reflection;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using TokenIssuer.IntegrationTests.Validation;

namespace TokenIssuer.IntegrationTests.Binding;

/// <summary>
/// The JwtIssuer section read in one pass (<see cref="ConfigurationSnapshot"/>) answers exactly as the
/// framework's sections do — keys, paths, values, children and their order — and where it cannot promise
/// that, the section is walked as before.
/// </summary>
public sealed class ConfigurationSnapshotTests
{
    private const string Json = """
        {
          "JwtIssuer": {
            "PublicUrl": "https://id.example.com",
            "Keys": {
              "Main": { "Secret": "from-json", "KeyId": "main-1" },
              "Partner": { "Jwk": { "kty": "oct", "k": "AAAA", "kid": "partner" } },
              "Rotated": { "Managed": {} },
              "Nulled": { "KeyId": null, "Pem": "" }
            },
            "Profiles": {
              "Access": {
                "Algorithm": "HS256",
                "SigningKey": "Main",
                "Audience": [ "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11" ],
                "Header": { "typ": "at+jwt" },
                "Claims": { "scope": "orders.read", "nested": { "deep": { "deeper": "x" } }, "list": [ 1, 2, 3 ] },
                "Parameters": { "sub": "string", "tenant": "Guid", "10": "int", "9": "int" }
              },
              "Empty": {},
              "Listed": [ { "Algorithm": "HS256" }, "scalar" ]
            }
          }
        }
        """;

    [Fact]
    public void TheSnapshotHasTheKeysPathsValuesAndOrderOfTheFrameworksSections()
    {
        string prefix = $"TKI_SNAPSHOT_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "JwtIssuer__Profiles__Access__ExpiresIn", "20m");
        Environment.SetEnvironmentVariable(prefix + "JwtIssuer__Profiles__FromEnv__Issuer", "https://env.example.com");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json)))
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    // Overrides, a value removed by null, a key with both a value and children, odd segments.
                    ["JwtIssuer:Keys:Main:Secret"] = "from-memory",
                    ["JwtIssuer:Profiles:Access:Header:typ"] = null,
                    ["JwtIssuer:Profiles:Access:Claims"] = "a value beside the children",
                    ["JwtIssuer:Profiles::Blank"] = "an empty profile name",
                    ["JwtIssuer:Profiles:Trailing:"] = "an empty option name",
                    ["JwtIssuer:Profiles:Access:Audience:12"] = "a12",
                    ["JwtIssuer"] = "the section's own value",
                    ["JwtIssuerOther:Profiles:NotUnder:Algorithm"] = "HS256",
                    ["Unrelated:Key"] = "x",
                })
                .AddEnvironmentVariables(prefix)
                .AddCommandLine(["--JwtIssuer:Profiles:FromCommandLine:ExpiresIn=1h", "--JwtIssuer:KeyFilePollInterval", "45s"])
                .Build();

            // The section named in another case: configuration keys compare ignoring case.
            foreach (string name in new[] { "JwtIssuer", "jwtISSUER" })
            {
                var section = configuration.GetSection(name);
                var snapshot = ConfigurationSnapshot.TryTake(section);

                Assert.NotNull(snapshot);
                Assert.Equal(Tree(section), Tree(snapshot));
                Assert.Equal(section.Value, snapshot.Value);
                // Asked by name, a section is the framework's own, spelt as asked.
                Assert.Equal(section["profiles:ACCESS:algorithm"], snapshot["profiles:ACCESS:algorithm"]);
                Assert.Equal(Tree(section.GetSection("profiles:access")), Tree(snapshot.GetSection("profiles:access")));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "JwtIssuer__Profiles__Access__ExpiresIn", null);
            Environment.SetEnvironmentVariable(prefix + "JwtIssuer__Profiles__FromEnv__Issuer", null);
        }
    }

    [Theory]
    [MemberData(nameof(StartupValidationTests.MistakeNames), MemberType = typeof(StartupValidationTests))]
    public void EachCataloguedMistakeIsReadTheSameInOnePassAsByWalkingTheSection(string name)
    {
        using var root = new TempDirectory();
        var setup = new MistakeSetup(root);
        MistakeCatalogue.All.Single(m => m.Name == name).Apply(setup);
        var section = new ConfigurationBuilder().AddInMemoryCollection(setup.Configuration).Build().GetSection("JwtIssuer");

        Assert.NotNull(ConfigurationSnapshot.TryTake(section));
        Assert.Equal(ReadWalking(section), ReadInOnePass(section));
    }

    [Fact]
    public void EveryKindOfOptionAndProblemIsReadTheSameInOnePassAsByWalkingTheSection()
    {
        var section = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json)))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["JwtIssuer:Keys:Rotated:Managed:RotationInterval"] = "30d",
                ["JwtIssuer:Keys:Rotated:Managed:Rotation"] = "misspelt",
                ["JwtIssuer:Keys:Main:Secrte"] = "misspelt",
                ["JwtIssuer:Profiles:Access:Parameters:sub"] = "Guid",
                ["JwtIssuer:Profiles:Access:Audience:12"] = "a12",
                ["JwtIssuer:Profiles:Access:NoTimestamp"] = "yes",
                ["JwtIssuer:Profiles:Access:AllowInsecureKeySizes"] = "true",
                ["JwtIssuer:Profiles:Access:Issuer:0"] = "a list where a value belongs",
                ["JwtIssuer:KeyFilePollInterval"] = "2 weeks",
                ["JwtIssuer:DevelopmentKeysDirectory"] = "/tmp/dev-keys",
                ["JwtIssuer:Profile:Typo:Algorithm"] = "HS256",
            })
            .Build()
            .GetSection("JwtIssuer");

        Assert.NotNull(ConfigurationSnapshot.TryTake(section));
        string walked = ReadWalking(section);
        Assert.Equal(walked, ReadInOnePass(section));
        // The comparison is of something: the options and problems are all there.
        Assert.Contains("aud=[a0,a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12]", walked, StringComparison.Ordinal);
        Assert.Contains("JwtIssuer:Keys:Main:Secrte", walked, StringComparison.Ordinal);
        Assert.Contains("JwtIssuer:Keys:Rotated:Managed:Rotation", walked, StringComparison.Ordinal);
        Assert.Contains("JwtIssuer:Profiles:Access:Issuer", walked, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameKeyWrittenInTwoCasesIsLeftToTheFramework()
    {
        // Which spelling the framework keeps for the profile's name is up to its sort: the snapshot does not guess.
        var section = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["JwtIssuer:Profiles:Access:Algorithm"] = "HS256" })
            .AddInMemoryCollection(new Dictionary<string, string?> { ["JwtIssuer:Profiles:ACCESS:ExpiresIn"] = "15m" })
            .Build()
            .GetSection("JwtIssuer");

        Assert.Null(ConfigurationSnapshot.TryTake(section));
        var options = new JwtIssuerOptions();
        ConfigurationReader.Read(section, options);
        var access = Assert.Single(options.Profiles).Value;
        Assert.Equal(("HS256", "15m"), (access.Algorithm, access.ExpiresIn));
    }

    [Fact]
    public void KeysThatCompareEqualAreLeftToTheFramework()
    {
        // "1" and "01" are both index 1 to the framework's key comparer: their order is its sort's.
        var section = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["JwtIssuer:Profiles:Access:Audience:1"] = "one",
                ["JwtIssuer:Profiles:Access:Audience:01"] = "also one",
            })
            .Build()
            .GetSection("JwtIssuer");

        Assert.Null(ConfigurationSnapshot.TryTake(section));
        Assert.Equal(ReadWalking(section), ReadThroughReader(section));
    }

    [Fact]
    public void AProviderTheSnapshotDoesNotKnowIsWalkedAsBefore()
    {
        // ReloadableConfiguration derives from ConfigurationProvider but is not one of the framework's.
        IConfigurationBuilder builder = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["JwtIssuer:PublicUrl"] = "https://a.example.com" });
        builder.Add(new ReloadableConfiguration([new("JwtIssuer:Profiles:Access:Issuer", "https://b.example.com")]));
        var section = builder.Build().GetSection("JwtIssuer");

        Assert.Null(ConfigurationSnapshot.TryTake(section));
        Assert.Null(ConfigurationSnapshot.TryTake(new WalkedSection(section)));
        var options = new JwtIssuerOptions();
        ConfigurationReader.Read(section, options);
        Assert.Equal(("https://a.example.com", "https://b.example.com"), (options.PublicUrl, options.Profiles["Access"].Issuer));
    }

    [Fact]
    public void AHostsDefaultConfigurationIsReadInOnePass()
    {
        using var root = new TempDirectory();
        root.WriteFile("appsettings.json", """{ "JwtIssuer": { "Profiles": { "Access": { "Algorithm": "HS256" } } } }""");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root.Path, EnvironmentName = "Production", Args = ["--JwtIssuer:PublicUrl=https://id.example.com"] });

        var snapshot = ConfigurationSnapshot.TryTake(builder.Configuration.GetSection("JwtIssuer"));

        Assert.NotNull(snapshot);
        Assert.Equal(("HS256", "https://id.example.com"), (snapshot["Profiles:Access:Algorithm"], snapshot["PublicUrl"]));
    }

    [Fact]
    public void EveryProviderReadInOnePassAnswersItsLookupsFromItsData()
    {
        // The snapshot reads ConfigurationProvider.Data directly: a listed provider must not override a lookup.
        var loaded = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("Microsoft.Extensions.Configuration", StringComparison.Ordinal) == true)
            .SelectMany(a => a.GetTypes())
            .Where(t => ConfigurationProviderData.ProviderTypeNames.Contains(t.FullName))
            .ToList();
        // Memory, JSON (file and stream), environment variables and the command line are in this test's host.
        Assert.True(loaded.Count >= 5, string.Join(", ", loaded));
        foreach (var type in loaded)
        {
            Assert.True(typeof(ConfigurationProvider).IsAssignableFrom(type), type.FullName);
            foreach (var lookup in new[] { nameof(ConfigurationProvider.TryGet), nameof(ConfigurationProvider.GetChildKeys), nameof(ConfigurationProvider.Set) })
            {
                var method = type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Single(m => m.Name == lookup);
                Assert.True(method.DeclaringType == typeof(ConfigurationProvider), $"{type.FullName} overrides {lookup}");
            }
        }
    }

    [Fact]
    public async Task AReloadedJsonFileIsReadAfreshAndTheIssuerFollowsIt()
    {
        using var root = new TempDirectory();
        string file = root.WriteFile("appsettings.json", Settings("15m"));
        var configuration = new ConfigurationBuilder().AddJsonFile(file, optional: false, reloadOnChange: false).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(TestClock.Create());
        services.AddJwtIssuer();
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<JwtIssuerOptions>>();
        var issuer = provider.GetRequiredService<IJwtIssuer>();
        Assert.NotNull(ConfigurationSnapshot.TryTake(configuration.GetSection("JwtIssuer")));
        var first = new Jwt(issuer.Issue("Access"));
        Assert.Equal(15 * 60, first.Exp - first.Iat);

        // Reload() reads the file again and raises the change token, as a file watcher would.
        File.WriteAllText(file, Settings("30m"));
        configuration.Reload();

        Assert.Equal("30m", monitor.CurrentValue.Profiles["Access"].ExpiresIn);
        var second = new Jwt(issuer.Issue("Access"));
        Assert.Equal(30 * 60, second.Exp - second.Iat);

        static string Settings(string expiresIn) => $$"""
            { "JwtIssuer": {
                "Keys": { "Main": { "Secret": "{{MistakeSetup.BaseSecret}}" } },
                "Profiles": { "Access": { "Algorithm": "HS256", "SigningKey": "Main", "ExpiresIn": "{{expiresIn}}" } } } }
            """;
    }

    /// <summary>Every section below <paramref name="section"/>, depth first in GetChildren order: key, path and value.</summary>
    private static string Tree(IConfiguration section)
    {
        var lines = new StringBuilder();
        void Visit(IConfigurationSection node, int depth)
        {
            lines.Append(' ', depth * 2).Append(node.Key).Append(" | ").Append(node.Path).Append(" = ").AppendLine(node.Value ?? "(null)");
            foreach (var child in node.GetChildren()) Visit(child, depth + 1);
        }
        foreach (var child in section.GetChildren()) Visit(child, 0);
        return lines.ToString();
    }

    private static string ReadWalking(IConfigurationSection section) => ReadThroughReader(new WalkedSection(section));

    private static string ReadInOnePass(IConfigurationSection section) => ReadThroughReader(section);

    /// <summary>What the reader makes of <paramref name="section"/>: every option, in order, and every problem.</summary>
    private static string ReadThroughReader(IConfiguration section)
    {
        var options = new JwtIssuerOptions();
        ConfigurationReader.Read(section, options);
        var text = new StringBuilder();
        text.AppendLine($"path={options.ConfigurationPath} dev={options.DevelopmentKeysDirectory} url={options.PublicUrl} poll={options.KeyFilePollInterval}");
        foreach (string problem in options.ConfigurationProblems) text.AppendLine("problem " + problem);
        foreach (var (name, key) in options.Keys)
        {
            string managed = key.Managed is { } m ? $"{m.Algorithm}/{m.RotationInterval}/{m.PropagationTime}/{m.RetentionTime}" : "-";
            text.AppendLine($"key {name}: pem={key.Pem} pemFile={key.PemFile} secret={key.Secret} base64={key.SecretBase64} jwk={key.Jwk} passphrase={key.Passphrase} kid={key.KeyId} managed={managed}");
        }
        foreach (var (name, p) in options.Profiles)
        {
            text.AppendLine($"profile {name}: alg={p.Algorithm} key={p.SigningKey} exp={p.ExpiresIn} nbf={p.NotBefore} iss={p.Issuer} sub={p.Subject} jti={p.JwtId} kid={p.KeyId} "
                + $"noTimestamp={p.NoTimestamp} insecure={p.AllowInsecureKeySizes} invalidTypes={p.AllowInvalidAsymmetricKeyTypes} aud=[{string.Join(",", p.Audience)}] "
                + $"header={Pairs(p.Header)} claims={Pairs(p.Claims)} parameters={Pairs(p.Parameters)}");
        }
        return text.ToString();

        static string Pairs(IEnumerable<KeyValuePair<string, string>> pairs) => "{" + string.Join(",", pairs.Select(p => p.Key + ":" + p.Value)) + "}";
    }

    /// <summary>A section that is not the framework's type, so the reader walks it (the path before the snapshot).</summary>
    private sealed class WalkedSection(IConfigurationSection inner) : IConfigurationSection
    {
        public string? this[string key] { get => inner[key]; set => inner[key] = value; }

        public string Key => inner.Key;

        public string Path => inner.Path;

        public string? Value { get => inner.Value; set => inner.Value = value; }

        public IEnumerable<IConfigurationSection> GetChildren() => inner.GetChildren();

        public IChangeToken GetReloadToken() => inner.GetReloadToken();

        public IConfigurationSection GetSection(string key) => inner.GetSection(key);
    }
}
