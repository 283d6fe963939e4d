extern alias generator;

using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using JwtProfileGenerator = generator::TokenIssuer.Generator.JwtProfileGenerator;

namespace TokenIssuer.Benchmarks;

/// <summary>
/// The source generator on an <c>appsettings.json</c> holding <see cref="ProfileCount"/> profiles (3 parameters
/// each) over a tiny compilation, driven in-process by <see cref="CSharpGeneratorDriver"/>:
/// <list type="bullet">
/// <item><c>ColdRun</c>: a new driver, as a command-line build runs it: parse the file, model, emit.</item>
/// <item><c>RerunAfterCodeEdit</c>: the IDE case: the same driver after a C# file changed and appsettings.json did not
/// (the incremental pipeline should reuse the parsed profiles and the emitted source).</item>
/// <item><c>RerunAfterAppSettingsEdit</c>: the same driver after one profile's lifetime changed in appsettings.json.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    public const int ProfileCount = 200;

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _editedCompilation = null!;
    private InMemoryAdditionalText _appSettings = null!;
    private InMemoryAdditionalText _editedAppSettings = null!;
    private CSharpParseOptions _parseOptions = null!;
    private GeneratorDriver _codeEditDriver = null!;
    private GeneratorDriver _settingsEditDriver = null!;
    private bool _flipCode;
    private bool _flipSettings;

    [GlobalSetup]
    public void Setup()
    {
        _parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var references = ReferenceAssemblies();
        var program = CSharpSyntaxTree.ParseText("namespace App; public static class Program { public static void Main() { } }", _parseOptions, "Program.cs");
        var helper = CSharpSyntaxTree.ParseText("namespace App; internal static class Helper { public static int Value => 1; }", _parseOptions, "Helper.cs");
        _compilation = CSharpCompilation.Create("GeneratorBench", [program, helper], references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        _editedCompilation = _compilation.ReplaceSyntaxTree(helper,
            CSharpSyntaxTree.ParseText("namespace App; internal static class Helper { public static int Value => 2; }", _parseOptions, "Helper.cs"));
        _appSettings = new InMemoryAdditionalText("/app/appsettings.json", AppSettings(firstLifetime: "15m"));
        _editedAppSettings = new InMemoryAdditionalText("/app/appsettings.json", AppSettings(firstLifetime: "20m"));

        // What is measured must work: one source with 200 Issue methods, no diagnostics, and it compiles.
        var driver = NewDriver().RunGeneratorsAndUpdateCompilation(_compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult();
        if (diagnostics.Length > 0 || result.Diagnostics.Length > 0)
        {
            throw new InvalidOperationException("The generator reported: " + string.Join("; ", diagnostics.Concat(result.Diagnostics)));
        }
        if (result.GeneratedTrees.Length != 1) throw new InvalidOperationException($"{result.GeneratedTrees.Length} generated files, expected 1.");
        string source = result.GeneratedTrees[0].ToString();
        int methods = CountOf(source, "public static string Issue");
        if (methods != ProfileCount) throw new InvalidOperationException($"{methods} Issue methods were generated, not {ProfileCount}.");
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) throw new InvalidOperationException("The generated code does not compile: " + string.Join("; ", errors.Take(5)));

        _codeEditDriver = NewDriver().RunGenerators(_compilation);
        _settingsEditDriver = NewDriver().RunGenerators(_compilation);
    }

    [Benchmark]
    public GeneratorDriverRunResult ColdRun() => NewDriver().RunGenerators(_compilation).GetRunResult();

    [Benchmark]
    public GeneratorDriver RerunAfterCodeEdit()
    {
        _flipCode = !_flipCode;
        return _codeEditDriver = _codeEditDriver.RunGenerators(_flipCode ? _editedCompilation : _compilation);
    }

    [Benchmark]
    public GeneratorDriver RerunAfterAppSettingsEdit()
    {
        _flipSettings = !_flipSettings;
        var (from, to) = _flipSettings ? (_appSettings, _editedAppSettings) : (_editedAppSettings, _appSettings);
        return _settingsEditDriver = _settingsEditDriver.ReplaceAdditionalText(from, to).RunGenerators(_compilation);
    }

    private GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        [new JwtProfileGenerator().AsSourceGenerator()],
        additionalTexts: [_appSettings],
        parseOptions: _parseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    /// <summary>
    /// 200 HS256 profiles, <c>Profile000</c>…<c>Profile199</c>, each with a lifetime, an issuer, an audience and
    /// 3 parameters (string, string?, long), over one HMAC key.
    /// </summary>
    internal static string AppSettings(string firstLifetime)
    {
        var json = new StringBuilder();
        json.Append("{\n  \"JwtIssuer\": {\n");
        // The secret left empty, as an app's committed appsettings.json does (it comes from user-secrets or the
        // environment): written inline, the generator rightly warns (TKI018) and the setup refuses any diagnostic.
        json.Append("    \"Keys\": { \"hmac\": { \"Secret\": \"\" } },\n");
        json.Append("    \"Profiles\": {\n");
        for (int p = 0; p < ProfileCount; p++)
        {
            json.Append(CultureInfo.InvariantCulture, $"      \"Profile{p:D3}\": {{\n");
            json.Append("        \"Algorithm\": \"HS256\", \"SigningKey\": \"hmac\", ");
            json.Append(CultureInfo.InvariantCulture, $"\"ExpiresIn\": \"{(p == 0 ? firstLifetime : "15m")}\", ");
            json.Append(CultureInfo.InvariantCulture, $"\"Issuer\": \"{BenchToken.Issuer}\", \"Audience\": [ \"{BenchToken.Audience}\" ],\n");
            json.Append("        \"Parameters\": { \"sub\": \"string\", \"tenant\": \"string?\", \"level\": \"long\" }\n");
            json.Append(p == ProfileCount - 1 ? "      }\n" : "      },\n");
        }
        json.Append("    }\n  }\n}\n");
        return json.ToString();
    }

    /// <summary>The runtime's assemblies and TokenIssuer.dll, so the generated code can be compiled once as a check.</summary>
    private static MetadataReference[] ReferenceAssemblies()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(IJwtIssuer).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    }

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
