using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace TokenIssuer.Generator.Tests;

/// <summary>An appsettings file handed to the generator as an AdditionalFile, from memory.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        Text = text;
        _text = SourceText.From(text, Encoding.UTF8);
    }

    public override string Path { get; }

    /// <summary>The file's content as written.</summary>
    public string Text { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>One run of the generator: its driver, the compilations before and after, and what it reported.</summary>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    CSharpCompilation Input,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    GeneratorDriverRunResult Result)
{
    /// <summary>The single generated file, or null when the generator emitted nothing.</summary>
    public string? GeneratedSource
    {
        get
        {
            var sources = Result.Results.Single().GeneratedSources;
            Assert.True(sources.Length <= 1, $"expected at most one generated file, got {string.Join(", ", sources.Select(s => s.HintName))}");
            if (sources.Length == 0) return null;
            Assert.Equal(GeneratorHarness.HintName, sources[0].HintName);
            return sources[0].SourceText.ToString();
        }
    }

    /// <summary>Errors and warnings of the compilation that includes the generated source (hidden and info left out).</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems
        => Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>Fails with every problem listed when the output compilation has errors or warnings.</summary>
    public void AssertCompilesCleanly()
    {
        var problems = CompilationProblems;
        Assert.True(problems.Count == 0,
            "the generated source does not compile cleanly:\n" + string.Join("\n", problems.Select(p => p.ToString())) +
            "\n\n" + GeneratedSource);
    }
}

/// <summary>Builds compilations from the running runtime's assemblies and drives <see cref="JwtProfileGenerator"/>.</summary>
internal static class GeneratorHarness
{
    public const string HintName = "TokenIssuer.Profiles.g.cs";
    public const string AppSettingsPath = "/project/appsettings.json";
    public const string DevelopmentSettingsPath = "/project/appsettings.Development.json";
    public const string SourcePath = "/project/Claims.cs";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>
    /// The trusted platform assemblies (the framework and Microsoft.Extensions.* the tests run on) plus
    /// TokenIssuer.dll. The generator's own assembly is left out: it compiles the shared sources too, so its
    /// public <c>TokenIssuer.JwtAlgorithm</c> would clash with the runtime's.
    /// </summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path =>
            {
                string name = System.IO.Path.GetFileName(path);
                return name.StartsWith("System.", StringComparison.Ordinal)
                    || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                    || name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal)
                    || name is "netstandard.dll" or "mscorlib.dll" or "Microsoft.VisualBasic.dll" or "Microsoft.CSharp.dll";
            })
            .Append(typeof(IJwtIssuer).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Contains(paths, p => System.IO.Path.GetFileName(p) == "System.Runtime.dll");
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    public static CSharpCompilation CreateCompilation(params (string Path, string Source)[] sources)
        => CreateCompilation(OutputKind.DynamicallyLinkedLibrary, sources);

    public static CSharpCompilation CreateCompilation(OutputKind kind, params (string Path, string Source)[] sources)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Source, ParseOptions, s.Path, Encoding.UTF8));
        var options = new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable)
            // As the SDK does: assembly version unification notes are not problems.
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
                // The test files keep test secrets inline in appsettings.json on purpose, as a test project would with
                // NoWarn: the inline-key-material warning is looked at by RunReportingInlineKeyMaterial only.
                [InlineKeyMaterialId] = ReportDiagnostic.Suppress,
            });
        return CSharpCompilation.Create("Generated" + Guid.NewGuid().ToString("N"), trees, References, options);
    }

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string>? globalOptions = null)
        => CSharpGeneratorDriver.Create(
            new[] { new JwtProfileGenerator().AsSourceGenerator() },
            additionalTexts: files,
            parseOptions: ParseOptions,
            optionsProvider: globalOptions is null ? null : new GlobalOptionsProvider(globalOptions),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator with MSBuild properties (<c>build_property.X</c>) as the SDK passes them.</summary>
    public static GeneratorRun Run(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string> globalOptions, params (string Path, string Source)[] sources)
    {
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver(files, globalOptions).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, compilation, output, diagnostics, driver.GetRunResult());
    }

    /// <summary>Runs the generator once over <paramref name="files"/> and the C# <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(IEnumerable<AdditionalText> files, params (string Path, string Source)[] sources)
    {
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver(files).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, compilation, output, diagnostics, driver.GetRunResult());
    }

    /// <summary>TKI018, key material written inline in a committed settings file.</summary>
    public const string InlineKeyMaterialId = "TKI018";

    /// <summary>Runs the generator over <paramref name="files"/> with TKI018 reported, as a project without NoWarn sees it.</summary>
    public static GeneratorRun RunReportingInlineKeyMaterial(params AdditionalText[] files)
    {
        var suppressed = CreateCompilation();
        var compilation = suppressed.WithOptions(suppressed.Options.WithSpecificDiagnosticOptions(
            suppressed.Options.SpecificDiagnosticOptions.Remove(InlineKeyMaterialId)));
        var driver = CreateDriver(files).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, compilation, output, diagnostics, driver.GetRunResult());
    }

    /// <summary>Runs the generator over one appsettings.json and, optionally, one C# file.</summary>
    public static GeneratorRun Run(string? appSettings, string? csharp = null)
    {
        var files = appSettings is null ? Array.Empty<AdditionalText>() : new AdditionalText[] { new InMemoryAdditionalText(AppSettingsPath, appSettings) };
        return csharp is null ? Run(files) : Run(files, (SourcePath, csharp));
    }
}

/// <summary>Global analyzer options (the MSBuild properties made visible with <c>CompilerVisibleProperty</c>).</summary>
internal sealed class GlobalOptionsProvider(IReadOnlyDictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
{
    private static readonly Options None = new(new Dictionary<string, string>());

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => None;

    private sealed class Options(IReadOnlyDictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            => values.TryGetValue(key, out value);
    }
}
