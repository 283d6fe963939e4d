using System;
using System.IO;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using TokenIssuer.Generator.Diagnostics;
using TokenIssuer.Generator.Emit;
using TokenIssuer.Generator.Model;
using TokenIssuer.Generator.Parsing;
using TokenIssuer.Generator.References;

namespace TokenIssuer.Generator;

/// <summary>
/// Turns the token profiles of <c>appsettings*.json</c> (AdditionalFiles) and of <c>[JwtProfile]</c> types
/// into typed <c>Issue{Profile}</c> methods, and reports profile mistakes as build diagnostics at the line
/// where they are. Parser → equatable model → emitter; diagnostics come from a pipeline of their own, so
/// source is emitted again only when the profiles themselves change.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class JwtProfileGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static file => IsAppSettings(file.Path))
            .Select(static (file, cancellationToken) => AppSettingsParser.Parse(file.Path, file.GetText(cancellationToken)?.ToString() ?? ""))
            .WithTrackingName(TrackingNames.AppSettingsFiles);

        var attributes = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeParser.JwtProfileAttribute,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (syntax, cancellationToken) => AttributeParser.Parse(syntax, cancellationToken))
            .WithTrackingName(TrackingNames.AttributeProfiles);

        var referenced = context.CompilationProvider
            .Select(static (compilation, cancellationToken) => ReferenceScanner.Scan(compilation, cancellationToken))
            .WithTrackingName(TrackingNames.ReferencedProfiles);

        var settings = context.AnalyzerConfigOptionsProvider
            .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName))
            .Select(static (inputs, _) => GeneratorSettings.Read(inputs.Left, inputs.Right))
            .WithTrackingName(TrackingNames.Settings);

        var allFiles = files.Collect();
        var allAttributes = attributes.Collect();

        var profiles = allFiles.Combine(allAttributes).Combine(referenced)
            .Select(static (inputs, _) => ProfileMerger.Merge(inputs.Left.Left, inputs.Left.Right, inputs.Right))
            .WithTrackingName(TrackingNames.Profiles);

        var diagnostics = allFiles.Combine(allAttributes).Combine(settings)
            .Select(static (inputs, _) => ProfileMerger.Diagnostics(inputs.Left.Left, inputs.Left.Right, inputs.Right))
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(profiles.Combine(settings), static (spc, inputs) =>
        {
            if (inputs.Left.Count == 0) return;
            spc.AddSource(IssuerExtensionsEmitter.HintName, SourceText.From(IssuerExtensionsEmitter.Emit(inputs.Left, inputs.Right), Encoding.UTF8));
        });

        context.RegisterSourceOutput(diagnostics, static (spc, infos) =>
        {
            foreach (var info in infos) spc.ReportDiagnostic(DiagnosticDescriptors.Create(info));
        });
    }

    private static bool IsAppSettings(string path)
    {
        string name = Path.GetFileName(path);
        return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }
}
