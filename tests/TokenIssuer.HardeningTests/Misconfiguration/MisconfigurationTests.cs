namespace TokenIssuer.HardeningTests.Misconfiguration;

/// <summary>
/// Each catalogued misconfiguration produces its exact message (or its stable fragments), and each has
/// an entry in docs/troubleshooting.md: symptom/message → cause → fix.
/// </summary>
public sealed class MisconfigurationTests(ITestOutputHelper output)
{
    public static TheoryData<string> Ids => new(Catalogue.All.Select(m => m.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task EachMistakeProducesItsMessage(string id)
    {
        var mistake = Catalogue.ById[id];
        var produced = await mistake.Produce();
        output.WriteLine(produced.Message);
        foreach (string fragment in mistake.Fragments) Assert.Contains(fragment, produced.Message);
        Assert.DoesNotContain("   at ", produced.Message);
    }

    [Fact]
    public void TheCatalogueHasAtLeastFortyMistakesWithUniqueIds()
    {
        output.WriteLine($"{Catalogue.All.Count} misconfigurations catalogued: " + string.Join(", ", Catalogue.All.GroupBy(m => m.Area).Select(g => $"{g.Key} {g.Count()}")));
        Assert.True(Catalogue.All.Count >= 40, $"{Catalogue.All.Count} rows");
        Assert.Equal(Catalogue.All.Count, Catalogue.All.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public void EveryMistakeIsInTheTroubleshootingGuide()
    {
        string guide = File.ReadAllText(Path.Combine(Cli.RepositoryRoot, "docs", "troubleshooting.md"));
        var missing = Catalogue.All.Where(m => !guide.Contains($"<a id=\"{m.Id}\"></a>", StringComparison.Ordinal)).Select(m => m.Id).ToList();
        Assert.True(missing.Count == 0, "not in docs/troubleshooting.md: " + string.Join(", ", missing));
        var unquoted = Catalogue.All.Where(m => !guide.Contains(m.Fragments[0].Replace("error: ", ""), StringComparison.Ordinal)).Select(m => m.Id).ToList();
        Assert.True(unquoted.Count == 0, "message not quoted in docs/troubleshooting.md: " + string.Join(", ", unquoted));
    }
}
