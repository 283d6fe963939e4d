extern alias generator;

using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using generator::TokenIssuer.Generator;

namespace TokenIssuer.HardeningTests.KeyHygiene;

/// <summary>
/// The catalogue of operator mistakes that put key material where it does not belong (a PEM in PemFile, a secret
/// in SigningKey, Algorithm, ExpiresIn or a JWK's kty, a key named after its secret, <c>--key-file "$(cat key.pem)"</c>,
/// <c>--secret-env "$SECRET"</c>, …). Each row makes the mistake for real — host start-up (the exception and its
/// ToString()), a configuration reload (the captured log lines), the source generator (the build diagnostics),
/// the CLI as a process (stderr and stdout) — and the test asserts that no key material appears in any of it
/// and that the message still names the option.
/// </summary>
public sealed class KeyMaterialMistakeCatalogueTests(ITestOutputHelper output)
{
    private const string K = "JwtIssuer:Keys:Main:";
    private const string P = "JwtIssuer:Profiles:Api:";

    /// <summary>A secret written as words and punctuation: no heuristic tells it from text, only being configured does.</summary>
    private const string Secret = KeyMaterial.SecretText;

    /// <summary>What a generated secret looks like: caught by the heuristic even when nothing configures it.</summary>
    private const string RandomSecret = "kR3vZ8+qLw0xN5tYb2Hs7Jd/Fa9Gc4Pe1Um6Qi+VoXE=";

    private static readonly KeyMaterial Material = new();

    /// <summary>One mistake: where it is made, the option its message must name, and what it produced (every text a user sees).</summary>
    public sealed record Row(string Id, string Names, Func<Task<IReadOnlyList<string>>> Produce)
    {
        public override string ToString() => Id;
    }

    private static Dictionary<string, string?> Base() => new()
    {
        [K + "Secret"] = Secret,
        [P + "SigningKey"] = "Main",
        [P + "Algorithm"] = "HS256",
        [P + "ExpiresIn"] = "15m",
    };

    /// <summary>Start-up with the change must fail; the texts are the exception's ToString() and each failure.</summary>
    private static Func<Task<IReadOnlyList<string>>> StartUp(Action<Dictionary<string, string?>> change) => async () =>
    {
        var configuration = Base();
        change(configuration);
        var e = await TestHosts.StartFailsAsync(configuration);
        return [e.ToString(), e.Message, .. e.Failures];
    };

    /// <summary>A running host whose configuration is changed into the mistake: the reload is rejected and logged.</summary>
    private static Func<Task<IReadOnlyList<string>>> Reload(params (string Key, string? Value)[] changes) => async () =>
    {
        await using var host = await TestHosts.StartAsync(Base());
        host.Issuer.Issue("Api");
        host.Configuration.Change(changes);
        var rejected = host.Logs.TokenIssuerEvents(3);
        Assert.True(rejected.Count > 0, "the reload was not rejected: " + string.Join("\n", host.Logs.Records.Select(r => r.Message)));
        return host.Logs.Records.Select(r => r.AllText).ToList();
    };

    /// <summary>The generator over an appsettings.json; the texts are the diagnostics' messages.</summary>
    private static Func<Task<IReadOnlyList<string>>> Build(string json) => () =>
    {
        var compilation = CSharpCompilation.Create("App", [CSharpSyntaxTree.ParseText("class C { }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new JwtProfileGenerator().AsSourceGenerator()], [new Text("/app/appsettings.json", json)]);
        var diagnostics = driver.RunGenerators(compilation).GetRunResult().Diagnostics;
        Assert.NotEmpty(diagnostics);
        return Task.FromResult<IReadOnlyList<string>>(diagnostics.Select(d => d.ToString()).ToList());
    };

    /// <summary>The real CLI as a process; {pem} in an argument is the path of a key file. The texts are stderr and stdout.</summary>
    private static Func<Task<IReadOnlyList<string>>> Command(string[] arguments, IDictionary<string, string>? environment = null, int? exitCode = null) => () =>
    {
        using var folder = new TempDirectory();
        string keyFile = folder.WriteFile("key.pem", Material.EcPem);
        var result = Cli.Run([.. arguments.Select(a => a == "{pem}" ? keyFile : a)], environment: environment);
        Assert.False(result.HasStackTrace, result.Stderr);
        if (exitCode is { } expected) Assert.Equal(expected, result.ExitCode);
        else Assert.NotEqual(0, result.ExitCode);
        return Task.FromResult<IReadOnlyList<string>>([result.Stderr, result.StdoutText]);
    };

    private static string Json(string value) => JsonSerializer.Serialize(value);

    private static string File(string key, string profile) =>
        $$"""{ "JwtIssuer": { "Keys": { "Main": {{key}} }, "Profiles": { "Api": { {{profile}} } } } }""";

    public static readonly IReadOnlyList<Row> Rows =
    [
        // ---- Start-up: the exception, its ToString() and every failure --------------------------------------
        new("pem-in-pemfile", "JwtIssuer:Keys:Main:PemFile", StartUp(c => { c.Remove(K + "Secret"); c[K + "PemFile"] = Material.RsaPem; c.Remove(P + "Algorithm"); })),
        new("ec-pem-in-pemfile", "JwtIssuer:Keys:Main:PemFile", StartUp(c => { c.Remove(K + "Secret"); c[K + "PemFile"] = Material.EcSec1Pem; c.Remove(P + "Algorithm"); })),
        new("secret-in-pemfile", "JwtIssuer:Keys:Main:PemFile", StartUp(c => { c.Remove(K + "Secret"); c[K + "PemFile"] = Secret; })),
        new("random-secret-in-pemfile", "JwtIssuer:Keys:Main:PemFile", StartUp(c => { c.Remove(K + "Secret"); c[K + "PemFile"] = RandomSecret; })),
        new("secret-in-signing-key", "JwtIssuer:Profiles:Api:SigningKey", StartUp(c => c[P + "SigningKey"] = Secret)),
        new("pem-in-signing-key", "JwtIssuer:Profiles:Api:SigningKey", StartUp(c => c[P + "SigningKey"] = Material.EcPem)),
        new("random-secret-in-signing-key", "JwtIssuer:Profiles:Api:SigningKey", StartUp(c => c[P + "SigningKey"] = RandomSecret)),
        new("key-named-after-its-secret", "JwtIssuer:Keys:", StartUp(c => { c.Remove(K + "Secret"); c[$"JwtIssuer:Keys:{Secret}:Secret"] = Secret; c[P + "SigningKey"] = Secret; })),
        new("profile-named-after-the-secret", "JwtIssuer:Profiles:", StartUp(c => c[$"JwtIssuer:Profiles:{Secret}:SigningKey"] = "Main")),
        new("secret-in-algorithm", "JwtIssuer:Profiles:Api:Algorithm", StartUp(c => c[P + "Algorithm"] = Secret)),
        new("random-secret-in-algorithm", "JwtIssuer:Profiles:Api:Algorithm", StartUp(c => c[P + "Algorithm"] = RandomSecret)),
        new("secret-in-expires-in", "JwtIssuer:Profiles:Api:ExpiresIn", StartUp(c => c[P + "ExpiresIn"] = Secret)),
        new("secret-in-not-before", "JwtIssuer:Profiles:Api:NotBefore", StartUp(c => c[P + "NotBefore"] = Secret)),
        new("secret-in-no-timestamp", "JwtIssuer:Profiles:Api:NoTimestamp", StartUp(c => c[P + "NoTimestamp"] = Secret)),
        new("secret-as-a-profile-option", "JwtIssuer:Profiles:Api:", StartUp(c => c[P + Secret] = "x")),
        new("secret-as-a-key-option", "JwtIssuer:Keys:Main:", StartUp(c => c[K + Secret] = "x")),
        new("key-written-as-its-secret", "JwtIssuer:Keys:Main", StartUp(c => { c.Remove(K + "Secret"); c["JwtIssuer:Keys:Main"] = Secret; })),
        new("secret-in-jwk-kty", "JwtIssuer:Keys:Main:Jwk", StartUp(c => { c.Remove(K + "Secret"); c[K + "Jwk"] = $$"""{"kty":{{Json(Secret)}},"k":"{{KeyMaterial.SecretBase64}}"}"""; })),
        new("random-secret-in-jwk-kty", "JwtIssuer:Keys:Main:Jwk", StartUp(c => { c.Remove(K + "Secret"); c[K + "Jwk"] = $$"""{"kty":"{{RandomSecret}}","k":"{{TestKeys.B64(KeyMaterial.SecretBytes)}}"}"""; })),
        new("secret-in-jwk-crv", "JwtIssuer:Keys:Main:Jwk", StartUp(c => { c.Remove(K + "Secret"); c[K + "Jwk"] = Material.EcJwk.Replace("\"P-384\"", Json(Secret)); c.Remove(P + "Algorithm"); })),
        new("secret-in-jwk-alg", "JwtIssuer:Keys:Main:Jwk", StartUp(c => { c.Remove(K + "Secret"); c[K + "Jwk"] = $$"""{"kty":"oct","alg":{{Json(Secret)}},"k":"{{TestKeys.B64(KeyMaterial.SecretBytes)}}"}"""; })),
        new("secret-in-key-id", "JwtIssuer:Keys:Main:KeyId", StartUp(c => c[K + "KeyId"] = Secret)),
        new("readme-placeholder-secret", "JwtIssuer:Keys:Main:Secret", StartUp(c => c[K + "Secret"] = "set in user-secrets or the environment")),
        new("repeated-letter-secret", "JwtIssuer:Keys:Main:Secret", StartUp(c => c[K + "Secret"] = new string('é', 32))),
        new("unexpanded-variable-secret", "JwtIssuer:Keys:Main:SecretBase64", StartUp(c => { c.Remove(K + "Secret"); c[K + "SecretBase64"] = "${JWT_SECRET_BASE64_FOR_THE_ACCESS_TOKENS}"; })),
        new("zero-bytes-secret-base64", "JwtIssuer:Keys:Main:SecretBase64", StartUp(c => { c.Remove(K + "Secret"); c[K + "SecretBase64"] = Convert.ToBase64String(new byte[32]); })),
        new("secret-as-secret-base64", "JwtIssuer:Keys:Main:SecretBase64", StartUp(c => { c.Remove(K + "Secret"); c[K + "SecretBase64"] = Secret; })),
        new("encrypted-pem-wrong-passphrase", "JwtIssuer:Keys:Main:Pem", StartUp(c => { c.Remove(K + "Secret"); c[K + "Pem"] = Material.EncryptedPem; c[K + "Passphrase"] = KeyMaterial.Passphrase + "!"; c.Remove(P + "Algorithm"); })),
        new("secret-in-managed-algorithm", "JwtIssuer:Keys:Managed:Managed:Algorithm", StartUp(c => c["JwtIssuer:Keys:Managed:Managed:Algorithm"] = Secret)),
        new("secret-in-public-url", "JwtIssuer:PublicUrl", StartUp(c => c["JwtIssuer:PublicUrl"] = Secret)),
        new("secret-in-key-file-poll-interval", "JwtIssuer:KeyFilePollInterval", StartUp(c => c["JwtIssuer:KeyFilePollInterval"] = Secret)),

        // ---- Reload: the ERROR log of the rejected configuration ---------------------------------------------
        new("reload-pem-in-pemfile", "JwtIssuer:Keys:Main:PemFile", Reload((K + "Secret", null), (K + "PemFile", Material.RsaPem))),
        new("reload-secret-in-signing-key", "JwtIssuer:Profiles:Api:SigningKey", Reload((P + "SigningKey", Secret))),
        new("reload-secret-in-algorithm", "JwtIssuer:Profiles:Api:Algorithm", Reload((P + "Algorithm", Secret))),
        new("reload-secret-in-expires-in", "JwtIssuer:Profiles:Api:ExpiresIn", Reload((P + "ExpiresIn", Secret))),
        new("reload-key-named-after-its-secret", "JwtIssuer:Keys:", Reload(($"JwtIssuer:Keys:{Secret}:Secret", Secret), (P + "SigningKey", Secret))),

        // ---- Build: the generator's diagnostics about appsettings.json ----------------------------------------
        new("build-secret-in-algorithm", "JwtIssuer:Profiles:Api:Algorithm", Build(File($$"""{ "Secret": {{Json(Secret)}} }""", $"\"SigningKey\": \"Main\", \"Algorithm\": {Json(Secret)}"))),
        new("build-secret-in-signing-key", "JwtIssuer:Profiles:Api:SigningKey", Build(File($$"""{ "Secret": {{Json(Secret)}} }""", $"\"SigningKey\": {Json(Secret)}"))),
        new("build-pem-in-signing-key", "JwtIssuer:Profiles:Api:SigningKey", Build(File($$"""{ "Pem": {{Json(Material.EcPem)}} }""", $"\"SigningKey\": {Json(Material.EcPem)}"))),
        new("build-secret-in-expires-in", "JwtIssuer:Profiles:Api:ExpiresIn", Build(File($$"""{ "Secret": {{Json(Secret)}} }""", $"\"SigningKey\": \"Main\", \"ExpiresIn\": {Json(Secret)}"))),
        new("build-inline-secret", "JwtIssuer:Keys:Main:Secret", Build(File($$"""{ "Secret": {{Json(Secret)}} }""", "\"SigningKey\": \"Main\""))),
        new("build-placeholder-secret", "JwtIssuer:Keys:Main:Secret", Build(File("""{ "Secret": "set in user-secrets or the environment" }""", "\"SigningKey\": \"Main\""))),

        // ---- Command line: stderr and stdout of the real tokenissuer ----------------------------------------
        new("cli-key-file-holds-the-pem", "--key-file", Command(["sign", "--key-file", Material.RsaPem])),
        new("cli-decode-key-file-holds-the-pem", "--key-file", Command(["decode", "eyJhbGciOiJIUzI1NiJ9.e30.AAAA", "--key-file", Material.EcPem])),
        new("cli-key-file-holds-the-secret", "--key-file", Command(["sign", "--key-file", Secret])),
        new("cli-secret-env-holds-the-value", "--secret-env", Command(["sign", "--secret-env", RandomSecret])),
        new("cli-secret-env-holds-the-wordy-value", "--secret-env", Command(["sign", "--secret-env", Secret])),
        new("cli-passphrase-env-holds-the-value", "--passphrase-env", Command(["sign", "--key-file", "{pem}", "--passphrase-env", KeyMaterial.Passphrase])),
        new("cli-secret-in-alg", "--alg", Command(["sign", "--secret", RandomSecret + RandomSecret, "--alg", Secret])),
        new("cli-secret-in-expires-in", "--expires-in", Command(["sign", "--secret", RandomSecret + RandomSecret, "--expires-in", Secret])),
        new("cli-placeholder-secret-warns", "warning: the secret", Command(["sign", "--secret", "set in user-secrets or the environment"], exitCode: 0)),
    ];

    public static TheoryData<string> Ids => new(Rows.Select(r => r.Id));

    [Fact]
    public void TheCatalogueHasAtLeastThirtyMistakesWithUniqueIds()
    {
        Assert.True(Rows.Count >= 30, $"{Rows.Count} rows");
        Assert.Equal(Rows.Count, Rows.Select(r => r.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task NoMistakeShowsKeyMaterialAndEveryMessageNamesTheOption(string id)
    {
        var row = Rows.Single(r => r.Id == id);
        var texts = await row.Produce();
        string all = string.Join("\n", texts);
        output.WriteLine(all);

        Assert.True(Material.FindIn(all) is null, $"{id} shows {Material.FindIn(all)}");
        foreach (string secret in new[] { RandomSecret, "set in user-secrets or the environment", new string('é', 32), "JWT_SECRET_BASE64_FOR_THE_ACCESS" })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }
        Assert.Contains(row.Names, all, StringComparison.Ordinal);
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
    }
}
