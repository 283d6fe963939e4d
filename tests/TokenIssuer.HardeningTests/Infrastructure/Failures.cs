namespace TokenIssuer.HardeningTests;

/// <summary>Collects the inputs that broke a rule, so one test reports all of them (the first few in full).</summary>
internal sealed class Failures
{
    private readonly List<string> _items = new();

    public int Count => _items.Count;

    public void Add(string input, string problem)
    {
        lock (_items) _items.Add($"{problem}\n    input: {Describe(input)}");
    }

    public void AssertNone(string what)
    {
        if (_items.Count == 0) return;
        var kinds = _items.Select(i => i.Split('\n')[0]).GroupBy(k => k).Select(g => $"  {g.Count()} × {g.Key}");
        Assert.Fail($"{_items.Count} {what}:\n{string.Join("\n", kinds.Take(20))}\nFirst cases:\n{string.Join("\n", _items.Take(5))}");
    }

    /// <summary>An input shown with control and non-ASCII characters escaped, cut to a readable length.</summary>
    public static string Describe(string input)
    {
        string text = input.Length > 300 ? input[..300] + $"… ({input.Length} chars)" : input;
        return string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
