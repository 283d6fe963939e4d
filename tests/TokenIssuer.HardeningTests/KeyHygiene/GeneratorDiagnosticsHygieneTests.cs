extern alias generator;

using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using generator::TokenIssuer.Generator;

namespace TokenIssuer.HardeningTests.KeyHygiene;

/// <summary>
/// Build diagnostics land in build logs and CI output: those the generator reports about appsettings files
/// holding inline keys (malformed JSON, keys that do not fit, unknown options) never quote the key.
/// </summary>
public sealed class GeneratorDiagnosticsHygieneTests
{
    private readonly KeyMaterial _material = new();

    [Fact]
    public void DiagnosticsAboutInlineKeysNeverQuoteThem()
    {
        var m = _material;
        string secret = JsonSerializer.Serialize(KeyMaterial.SecretText);
        string pem = JsonSerializer.Serialize(m.RsaPem);
        string[] templates =
        [
            """{"JwtIssuer":{"Keys":{"k":{"Secret":SECRET}},"Profiles":{"P":{"SigningKey":"k","Algorithm":"RS256"}}}}""",
            """{"JwtIssuer":{"Keys":{"k":{"Secret":SECRET}},"Profiles":{"P":{"SigningKey":"k","Algorithm":"HS512"}}}}""",
            """{"JwtIssuer":{"Keys":{"k":{"Pem":PEM}},"Profiles":{"P":{"SigningKey":"k","Algorithm":"ES256"}}}}""",
            """{"JwtIssuer":{"Keys":{"k":{"Pem":PEM}},"Profiles":{"P":{"SigningKey":"k","Algorithm":"HS256"}}}}""",
            """{"JwtIssuer":{"Keys":{"k":{"Secrte":SECRET,"Pme":PEM}}}}""",
            """{"JwtIssuer":{"Keys":{"k":{"Secret":SECRET "Pem":PEM}}}}""",
            """{"JwtIssuer":{"Keys":{"k":{"Secret":"RAWSECRET""",
            """{"JwtIssuer":{"Keys":{"k":{"Pem":"RAWPEM"}}}}""",
            """{"JwtIssuer":{"Keys":{"k":{"SecretBase64":BASE64}},"Profiles":{"P":{"SigningKey":"k","Algorithm":"HS512","ExpiresIn":"1 mo"}}}}""",
        ];
        string[] files = templates.Select(t => t
            .Replace("RAWSECRET", KeyMaterial.SecretText).Replace("RAWPEM", m.RsaPem)
            .Replace("SECRET", secret).Replace("PEM", pem).Replace("BASE64", JsonSerializer.Serialize(KeyMaterial.SecretBase64))).ToArray();
        var compilation = CSharpCompilation.Create("App", [CSharpSyntaxTree.ParseText("class C { }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        int diagnostics = 0;
        foreach (string text in files)
        {
            GeneratorDriver driver = CSharpGeneratorDriver.Create([new JwtProfileGenerator().AsSourceGenerator()], [new Text("/app/appsettings.json", text)]);
            driver = driver.RunGenerators(compilation);
            foreach (var diagnostic in driver.GetRunResult().Diagnostics)
            {
                diagnostics++;
                Assert.True(m.FindIn(diagnostic.GetMessage()) is null, $"{diagnostic.Id} quotes {m.FindIn(diagnostic.GetMessage())}: {diagnostic.GetMessage()}");
            }
        }
        Assert.True(diagnostics >= files.Length, $"only {diagnostics} diagnostics");
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
    }
}
