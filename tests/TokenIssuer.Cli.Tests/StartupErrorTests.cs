using System.Text.RegularExpressions;

namespace TokenIssuer.Cli.Tests;

/// <summary>
/// An invalid JwtIssuer configuration reads well: the sample (a real host process) stops with each problem
/// once, on a line of its own that starts with its configuration path, and no stack trace; token create and
/// profiles list print the very same lines.
/// </summary>
public partial class StartupErrorTests
{
    private static Dictionary<string, string> Broken(string keysFolder) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["JwtIssuer__DevelopmentKeysDirectory"] = keysFolder,
        ["JwtIssuer__Profiles__Access__ExpiresIn"] = "banana",
        ["JwtIssuer__Profiles__Service__Algorithm"] = "XS256",
    };

    [Fact]
    public void TheSampleStopsWithEachProblemOnceOnItsOwnLine()
    {
        using var keys = new TempFolder();
        var (exitCode, output) = SampleApp.RunToExit(Broken(keys.Path));

        Assert.NotEqual(0, exitCode);
        var problems = ProblemLines(output);
        Assert.Equal(2, problems.Count);
        Assert.Single(problems, line => line.StartsWith("JwtIssuer:Profiles:Access:ExpiresIn: \"banana\" is not a duration.", StringComparison.Ordinal));
        Assert.Single(problems, line => line.StartsWith("JwtIssuer:Profiles:Service:Algorithm: \"XS256\" is not an algorithm.", StringComparison.Ordinal));
        Assert.Equal(1, Count(output, "\"banana\""));
        Assert.Equal(1, Count(output, "\"XS256\""));
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Contains("The JwtIssuer configuration has 2 problems:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("token", "create", "--profile", "Access", "--claim", "sub=u-42")]
    [InlineData("profiles", "list")]
    public void TheToolPrintsTheLinesTheSamplePrints(params string[] command)
    {
        using var keys = new TempFolder();
        var (_, sampleOutput) = SampleApp.RunToExit(Broken(keys.Path));

        var result = Cli.Run([.. command, "--project", SampleApp.Folder], environment: Broken(keys.Path)).AssertExit(1);

        Assert.Equal(ProblemLines(sampleOutput), ProblemLines(result.Stderr));
        Assert.Contains("The JwtIssuer configuration has 2 problems:", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    /// <summary>The lines that report one problem each: "  JwtIssuer:…: …", indentation removed.</summary>
    private static List<string> ProblemLines(string output)
        => output.Split('\n').Select(line => line.Trim()).Where(line => ProblemLine().IsMatch(line)).ToList();

    private static int Count(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

    [GeneratedRegex(@"^JwtIssuer:[A-Za-z0-9:_]+: ")]
    private static partial Regex ProblemLine();
}
