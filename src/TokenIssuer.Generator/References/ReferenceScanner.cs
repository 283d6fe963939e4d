using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TokenIssuer.Generator.Model;
using TokenIssuer.Generator.Parsing;

namespace TokenIssuer.Generator.References;

/// <summary>
/// Finds the <c>[JwtProfile]</c> types of referenced assemblies through the <c>[assembly: JwtProfileType(typeof(…))]</c>
/// markers their generator wrote, and reduces them to equatable profile models (no symbols leave this class).
/// Their registration must run in this project: a library's module initializer runs only when the library is
/// first touched, which can be after start-up validated the profiles.
/// </summary>
internal static class ReferenceScanner
{
    public const string MarkerAttribute = "TokenIssuer.JwtProfileTypeAttribute";
    private const string RuntimeAssembly = "TokenIssuer";

    public static EquatableArray<ProfileToGenerate> Scan(Compilation compilation, CancellationToken cancellationToken)
    {
        var profiles = new List<ProfileToGenerate>();
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Only an assembly built against TokenIssuer can hold markers; this skips the framework cheaply.
            if (!assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == RuntimeAssembly))) continue;
            foreach (var marker in assembly.GetAttributes())
            {
                if (marker.AttributeClass?.ToDisplayString() != MarkerAttribute) continue;
                if (marker.ConstructorArguments.Length != 1 || marker.ConstructorArguments[0].Value is not INamedTypeSymbol type) continue;
                if (AttributeParser.FromReference(type) is not { } profile) continue;

                bool publicThere = marker.NamedArguments.Any(a => a.Key == "PublicIssueMethod" && a.Value.Value is true);
                // A method the library already lets this project call (public, or internal with InternalsVisibleTo) must not be emitted twice.
                bool callableThere = publicThere || assembly.GivesAccessTo(compilation.Assembly);
                bool typeAccessible = compilation.IsSymbolAccessibleWithin(type, compilation.Assembly);
                profiles.Add(profile with { Referenced = true, EmitMethod = typeAccessible && !callableThere, IsPublic = false });
            }
        }
        return profiles.OrderBy(p => p.Name, System.StringComparer.Ordinal).ToEquatableArray();
    }
}
