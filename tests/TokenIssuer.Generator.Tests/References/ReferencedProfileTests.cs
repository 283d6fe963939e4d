using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TokenIssuer.Generator.Tests;

/// <summary>
/// Attribute profiles of a referenced assembly, found through the assembly markers its generator wrote: the
/// app registers them and gets their typed methods (internal), without a clash with the library's own types.
/// In memory: the library is compiled with the generator and referenced as metadata, as the SDK would.
/// </summary>
public sealed class ReferencedProfileTests
{
    private const string Library = """
        using TokenIssuer;

        namespace Lib;

        [JwtProfile("Invite", ExpiresIn = "2d", SigningKey = "main")]
        public sealed record InviteClaims(string Email, [property: JwtClaim("org")] string Organisation);

        [JwtProfile("Internal")]
        internal sealed record InternalClaims(string Sub);
        """;

    private const string AppSettings = """{ "JwtIssuer": { "Profiles": { "Access": { "Parameters": { "sub": "string" } } } } }""";

    [Fact]
    public void TheLibraryMarksItsProfileTypesAndKeepsItsTypesInternal()
    {
        var (_, source) = CompileLibrary(Library);

        Assert.Contains("[assembly: global::TokenIssuer.JwtProfileTypeAttribute(typeof(global::Lib.InviteClaims))]", source);
        Assert.Contains("[assembly: global::TokenIssuer.JwtProfileTypeAttribute(typeof(global::Lib.InternalClaims))]", source);
        Assert.Contains("internal static partial class JwtProfileNames", source);
        Assert.Contains("internal static partial class JwtIssuerProfileExtensions", source);
    }

    [Fact]
    public void TheAppRegistersTheLibrarysProfilesAndTypesThoseItCanSee()
    {
        var (library, _) = CompileLibrary(Library);
        var run = RunApp(library, AppSettings);

        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertCompilesCleanly();
        string source = run.GeneratedSource!;
        Assert.Contains("public const string Invite = \"Invite\";", source);
        Assert.Contains("public const string Internal = \"Internal\";", source);
        // The app's own method for the library's public record; never a public re-export.
        Assert.Contains("internal static string IssueInvite(this global::TokenIssuer.IJwtIssuer issuer, global::Lib.InviteClaims claims)", source);
        Assert.Contains("writer.WriteString(\"org\", state.Organisation);", source);
        // An internal record of the library cannot be named here: registered (Issue("Internal", …) works), not typed.
        Assert.DoesNotContain("IssueInternal", source);
        Assert.Contains("global::TokenIssuer.GeneratedProfiles.Register(JwtProfileNames.Invite, static profile =>", source);
        Assert.Contains("profile.ExpiresIn ??= \"2d\";", source);
        Assert.Contains("global::TokenIssuer.GeneratedProfiles.Register(JwtProfileNames.Internal, static profile =>", source);
        // The app writes no marker for profiles that are not its own.
        Assert.DoesNotContain("JwtProfileTypeAttribute", source);
    }

    [Fact]
    public void APublicLibraryNamesItsTypesAfterItselfAndTheAppUsesItsPublicMethod()
    {
        var (library, source) = CompileLibrary(Library, new Dictionary<string, string> { ["build_property.TokenIssuerGeneratedAccessibility"] = "public" });
        Assert.Contains("public static partial class LibJwtProfileNames", source);
        Assert.Contains("public static partial class LibJwtIssuerProfileExtensions", source);
        Assert.Contains("public static string IssueInvite(", source);
        Assert.Contains("internal static string IssueInternal(", source);
        Assert.Contains("[assembly: global::TokenIssuer.JwtProfileTypeAttribute(typeof(global::Lib.InviteClaims), PublicIssueMethod = true)]", source);

        var run = RunApp(library, AppSettings, "issuer.IssueInvite(new Lib.InviteClaims(\"a\", \"b\"));");

        run.AssertCompilesCleanly();
        Assert.DoesNotContain("IssueInvite", run.GeneratedSource);
        Assert.Contains("global::TokenIssuer.GeneratedProfiles.Register(JwtProfileNames.Invite, static profile =>", run.GeneratedSource);
    }

    [Fact]
    public void TheReferenceScanIsAnEquatableModel()
    {
        var (library, _) = CompileLibrary(Library);
        var compilation = AppCompilation(library);
        var first = References.ReferenceScanner.Scan(compilation, CancellationToken.None);
        var second = References.ReferenceScanner.Scan(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions)), CancellationToken.None);

        Assert.Equal(2, first.Count);
        Assert.Equal(first, second);
    }

    private static (MetadataReference Reference, string Source) CompileLibrary(string source, IReadOnlyDictionary<string, string>? options = null)
    {
        var compilation = CSharpCompilation.Create("Lib", new[] { CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, "/lib/Claims.cs", Encoding.UTF8) },
            GeneratorHarness.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = GeneratorHarness.CreateDriver(Array.Empty<AdditionalText>(), options ?? new Dictionary<string, string>())
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        using var image = new MemoryStream();
        var emit = output.Emit(image);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        string generated = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();
        return (MetadataReference.CreateFromImage(image.ToArray()), generated);
    }

    private static CSharpCompilation AppCompilation(MetadataReference library, string? body = null)
    {
        string program = $$"""
            using TokenIssuer;

            namespace App;

            public static class Program
            {
                public static void Use(TokenIssuer.IJwtIssuer issuer) { {{body}} }
            }
            """;
        return CSharpCompilation.Create("Web", new[] { CSharpSyntaxTree.ParseText(program, GeneratorHarness.ParseOptions, "/web/Program.cs", Encoding.UTF8) },
            GeneratorHarness.References.Add(library),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
    }

    private static GeneratorRun RunApp(MetadataReference library, string appSettings, string? body = null)
    {
        var compilation = AppCompilation(library, body);
        var driver = GeneratorHarness.CreateDriver(new AdditionalText[] { new InMemoryAdditionalText("/web/appsettings.json", appSettings) })
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, compilation, output, diagnostics, driver.GetRunResult());
    }
}
