using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static TokenIssuer.Generator.Tests.GeneratorHarness;

namespace TokenIssuer.Generator.Tests;

/// <summary>
/// The pipeline re-does only what an edit touches: a second run is all Cached/Unchanged, an unrelated C#
/// edit emits nothing new, a profile edit changes only that profile's method, a mistake-only edit changes
/// the diagnostics and not the source. Step models hold no Roslyn symbols, syntax, compilations or locations.
/// </summary>
public sealed class IncrementalityTests
{
    private static readonly string[] OurSteps =
    {
        TrackingNames.AppSettingsFiles, TrackingNames.AttributeProfiles, TrackingNames.Profiles, TrackingNames.Diagnostics,
        TrackingNames.ReferencedProfiles, TrackingNames.Settings,
    };

    private const string AppSettings = """
        {
          "JwtIssuer": {
            "Keys": { "refresh": { "Secret": "development-Zq8Lw3vT-test-secret-0123456789" } },
            "Profiles": {
              "Access": {
                "Algorithm": "HS256",
                "SigningKey": "refresh",
                "ExpiresIn": "15m",
                "Parameters": { "sub": "string", "role": "string", "tenant_id": "Guid" }
              },
              "Session": {
                "Algorithm": "HS256",
                "SigningKey": "refresh",
                "ExpiresIn": "1h",
                "Parameters": { "sub": "string" }
              }
            }
          }
        }
        """;

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, InMemoryAdditionalText File) FirstRun()
    {
        var file = new InMemoryAdditionalText(AppSettingsPath, AppSettings);
        var compilation = CreateCompilation((SourcePath, DesignExample.RefreshClaims));
        var driver = CreateDriver(new AdditionalText[] { file }).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        Assert.Single(first.GeneratedSources);
        foreach (var step in OurSteps) Assert.True(first.TrackedSteps.ContainsKey(step), $"the step {step} is not tracked");
        return (driver, compilation, file);
    }

    [Fact]
    public void SecondRunSameInputsEverythingCachedOrUnchanged()
    {
        var (driver, compilation, _) = FirstRun();

        var second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        foreach (var step in OurSteps) AssertAll(second, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputs(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void UnrelatedSyntaxTreeProfilesCachedNoNewSource()
    {
        var (driver, compilation, _) = FirstRun();
        string before = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace App; public static class Unrelated { public static int Answer() => 42; }", GeneratorHarness.ParseOptions, "/project/Unrelated.cs"));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAll(second, TrackingNames.Profiles, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAll(second, TrackingNames.Diagnostics, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAll(second, TrackingNames.AppSettingsFiles, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        // The reference scan runs again on the new compilation, but its model (no profiles in the references) is the same.
        AssertAll(second, TrackingNames.ReferencedProfiles, IncrementalStepRunReason.Unchanged);
        AssertAll(second, TrackingNames.Settings, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputs(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Equal(before, second.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void EditOneProfilesExpiresInOnlyThatProfilesMethodsDocCommentsChange()
    {
        var (driver, compilation, file) = FirstRun();
        string before = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        string editedJson = file.Text.Replace("\"ExpiresIn\": \"1h\"", "\"ExpiresIn\": \"2h\"", StringComparison.Ordinal);
        Assert.NotEqual(file.Text, editedJson);
        driver = driver.ReplaceAdditionalText(file, new InMemoryAdditionalText(AppSettingsPath, editedJson));
        var second = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        AssertAll(second, TrackingNames.AppSettingsFiles, IncrementalStepRunReason.Modified);
        AssertAll(second, TrackingNames.Profiles, IncrementalStepRunReason.Modified);
        AssertAll(second, TrackingNames.Diagnostics, IncrementalStepRunReason.Unchanged);
        Assert.Contains(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);

        string after = second.GeneratedSources.Single().SourceText.ToString();
        var beforeLines = before.Split('\n');
        var afterLines = after.Split('\n');
        Assert.Equal(beforeLines.Length, afterLines.Length);
        var changed = Enumerable.Range(0, beforeLines.Length).Where(i => beforeLines[i] != afterLines[i]).ToList();
        // The doc comments of IssueSession and IssueSessionToken, the two methods of the edited profile.
        Assert.Equal(2, changed.Count);
        var methods = new List<string>();
        foreach (int line in changed)
        {
            Assert.StartsWith("/// <remarks>", afterLines[line].TrimStart(), StringComparison.Ordinal);
            Assert.Contains("Lifetime: 2h.", afterLines[line]);
            Assert.Contains("Lifetime: 1h.", beforeLines[line]);
            methods.Add(afterLines.Skip(line).First(l => l.TrimStart().StartsWith("public static ", StringComparison.Ordinal)));
        }
        Assert.Contains("string IssueSession(", methods[0]);
        Assert.Contains("JwtIssuedToken IssueSessionToken(", methods[1]);
    }

    [Fact]
    public void DiagnosticOnlyChangeProfilesUnchangedDiagnosticsModified()
    {
        var (driver, compilation, file) = FirstRun();
        string before = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        // An unknown option: a new diagnostic, the same profiles.
        string editedJson = file.Text.Replace("\"ExpiresIn\": \"1h\",", "\"ExpiresIn\": \"1h\",\n        \"Colour\": \"blue\",", StringComparison.Ordinal);
        Assert.NotEqual(file.Text, editedJson);
        driver = driver.ReplaceAdditionalText(file, new InMemoryAdditionalText(AppSettingsPath, editedJson));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        var second = driver.GetRunResult().Results.Single();

        Assert.Equal("TKI004", Assert.Single(diagnostics).Id);
        AssertAll(second, TrackingNames.AppSettingsFiles, IncrementalStepRunReason.Modified);
        AssertAll(second, TrackingNames.Profiles, IncrementalStepRunReason.Unchanged);
        AssertAll(second, TrackingNames.Diagnostics, IncrementalStepRunReason.Modified);
        Assert.Equal(before, second.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void StepModelsHoldNoSymbolsSyntaxCompilationsOrLocations()
    {
        // Inputs with every kind of model: profiles from JSON and an attribute, and diagnostics from both.
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": { "Algorithm": "HS265", "ExpireIn": "15m", "Parameters": { "sub": "string", "tenant_id": "Guid" } }
                }
              }
            }
            """;
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("Refresh", ExpiresIn = "30d")]
            public record RefreshClaims(string Sub, [property: JwtClaim("sid")] string SessionId, System.Uri Website);

            [JwtProfile("Refresh")]
            public record OtherRefreshClaims(string Sub);
            """;
        var run = Run(new AdditionalText[] { new InMemoryAdditionalText(AppSettingsPath, json) }, (SourcePath, csharp));
        Assert.NotEmpty(run.GeneratorDiagnostics);
        var result = run.Result.Results.Single();

        var problems = new List<string>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var step in OurSteps)
        {
            foreach (var stepRun in result.TrackedSteps[step])
            {
                foreach (var (value, _) in stepRun.Outputs) ModelWalker.Walk(value, step, visited, problems);
            }
        }

        Assert.True(problems.Count == 0, "pipeline models must not hold Roslyn objects:\n" + string.Join("\n", problems));
        // The walk really went through the models.
        Assert.Contains(visited, o => o.GetType().Name == "ClaimParameter");
        Assert.Contains(visited, o => o.GetType().Name == "DiagnosticInfo");
        Assert.Contains(visited, o => o.GetType().Name == "ProfileDefaults");
    }

    [Fact]
    public void ModelWalkerFindsARoslynObjectDeepInAGraph()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { }");
        var graph = new { Name = "x", Items = new object[] { 1, new List<object> { Tuple.Create("y", tree.GetRoot().GetLocation()) } } };
        var problems = new List<string>();

        ModelWalker.Walk(graph, "graph", new HashSet<object>(ReferenceEqualityComparer.Instance), problems);

        Assert.Contains(problems, p => p.Contains("Location", StringComparison.Ordinal));
    }

    private static void AssertAll(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        Assert.True(result.TrackedSteps.TryGetValue(step, out var runs), $"the step {step} did not run");
        var reasons = runs.SelectMany(r => r.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.True(reasons.All(allowed.Contains),
            $"{step}: expected only {string.Join("/", allowed)}, got {string.Join(", ", reasons)}");
    }

    private static void AssertOutputs(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        var reasons = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.True(reasons.All(allowed.Contains),
            $"outputs: expected only {string.Join("/", allowed)}, got {string.Join(", ", reasons)}");
    }
}

/// <summary>Walks an object graph by reflection (fields, recursively) and reports Roslyn objects that would root a compilation.</summary>
internal static class ModelWalker
{
    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel), typeof(Location),
        typeof(SyntaxToken), typeof(SyntaxTrivia), typeof(SyntaxReference), typeof(AttributeData), typeof(TypedConstant),
    };

    public static void Walk(object? value, string path, HashSet<object> visited, List<string> problems, int depth = 0)
    {
        if (value is null) return;
        var type = value.GetType();
        if (Forbidden.FirstOrDefault(f => f.IsAssignableFrom(type)) is { } forbidden)
        {
            problems.Add($"{path}: {type.FullName} is a {forbidden.Name}");
            return;
        }
        if (type.IsPrimitive || type.IsEnum || type.IsPointer || value is string or decimal or Type or Delegate) return;
        if (!type.IsValueType && !visited.Add(value)) return;
        if (depth > 64)
        {
            problems.Add($"{path}: the graph is deeper than 64 levels");
            return;
        }

        if (value is Array array)
        {
            int i = 0;
            foreach (var item in array) Walk(item, $"{path}[{i++}]", visited, problems, depth + 1);
            return;
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike) continue;
                Walk(field.GetValue(value), $"{path}.{field.Name}", visited, problems, depth + 1);
            }
        }
    }
}
