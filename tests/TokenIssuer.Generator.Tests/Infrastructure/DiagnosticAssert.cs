using Microsoft.CodeAnalysis;

namespace TokenIssuer.Generator.Tests;

/// <summary>Assertions on the generator's diagnostics: id, severity, file, 1-based line and column, message.</summary>
internal static class DiagnosticAssert
{
    /// <summary>The only diagnostic of the run, which must have <paramref name="id"/>.</summary>
    public static Diagnostic Single(GeneratorRun run, string id)
    {
        var all = run.GeneratorDiagnostics;
        Assert.True(all.Length == 1 && all[0].Id == id,
            $"expected exactly one {id}, got {all.Length}:\n" + string.Join("\n", all.Select(d => d.ToString())));
        return all[0];
    }

    /// <summary>All diagnostics of the run, which must all have <paramref name="id"/>, in order of position.</summary>
    public static IReadOnlyList<Diagnostic> All(GeneratorRun run, string id, int count)
    {
        var all = run.GeneratorDiagnostics;
        Assert.True(all.Length == count && all.All(d => d.Id == id),
            $"expected {count} × {id}, got {all.Length}:\n" + string.Join("\n", all.Select(d => d.ToString())));
        return all.OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal).ThenBy(d => d.Location.GetLineSpan().StartLinePosition).ToList();
    }

    /// <summary>
    /// Asserts id, severity and that the diagnostic starts at the <paramref name="occurrence"/>-th occurrence
    /// of <paramref name="token"/> in <paramref name="text"/> (the file at <paramref name="path"/>): the 1-based
    /// line and column from <c>GetLineSpan()</c>, and the text span, which must cover the token.
    /// </summary>
    public static void Is(Diagnostic diagnostic, string id, DiagnosticSeverity severity, string path, string text, string token,
        int occurrence = 1, bool spanCoversToken = true)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        var lineSpan = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, lineSpan.Path);

        int index = IndexOf(text, token, occurrence);
        var (line, column) = Position(text, index);
        var actual = (Line: lineSpan.StartLinePosition.Line + 1, Column: lineSpan.StartLinePosition.Character + 1);
        Assert.True((line, column) == actual,
            $"{id} should start at {line}:{column} ({token}), but starts at {actual.Line}:{actual.Column}: {diagnostic}");

        var span = diagnostic.Location.SourceSpan;
        Assert.True(span.Start == index,
            $"{id}: the text span starts at offset {span.Start}, but the token (and the reported line/column) is at offset {index}: {diagnostic}");
        if (spanCoversToken)
        {
            Assert.Equal(token, text.Substring(span.Start, Math.Min(span.Length, text.Length - span.Start)));
        }
    }

    /// <summary>The message contains <paramref name="phrase"/>.</summary>
    public static void Says(Diagnostic diagnostic, string phrase)
    {
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(message.Contains(phrase, StringComparison.Ordinal), $"expected the message to contain «{phrase}», but it is «{message}»");
    }

    /// <summary>1-based line and column of <paramref name="index"/> in <paramref name="text"/>.</summary>
    public static (int Line, int Column) Position(string text, int index)
    {
        int line = 1, lineStart = 0;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, index - lineStart + 1);
    }

    private static int IndexOf(string text, string token, int occurrence)
    {
        int index = -1;
        for (int n = 0; n < occurrence; n++)
        {
            index = text.IndexOf(token, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"test bug: «{token}» occurs fewer than {occurrence} times");
        }
        return index;
    }
}
