using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace TokenIssuer.Generator.Tests;

/// <summary>
/// A small snapshot helper (Verify is not served here). <c>Snapshot.Match(actual)</c> compares
/// <paramref name="actual"/> with <c>{Class}.{Test}.verified.cs</c> in the <c>Snapshots</c> folder beside the
/// calling test's source. To accept new output, run the tests with <c>TOKENISSUER_ACCEPT_SNAPSHOTS=1</c>:
/// the verified files are then (re)written and the tests pass. A missing verified file makes the test
/// write <c>*.received.cs</c> and fail.
/// </summary>
internal static partial class Snapshot
{
    public const string AcceptVariable = "TOKENISSUER_ACCEPT_SNAPSHOTS";

    public static void Match(string actual, [CallerFilePath] string sourceFile = "", [CallerMemberName] string test = "")
    {
        string directory = SnapshotDirectory(sourceFile);
        string className = Path.GetFileNameWithoutExtension(sourceFile);
        string verified = Path.Combine(directory, $"{className}.{test}.verified.cs");
        string received = Path.Combine(directory, $"{className}.{test}.received.cs");
        string normalized = Scrub(actual);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, normalized);
            if (File.Exists(received)) File.Delete(received);
            return;
        }

        if (!File.Exists(verified))
        {
            File.WriteAllText(received, normalized);
            Assert.Fail($"No accepted snapshot {verified}. The output was written to {received}; " +
                $"read it, then accept it by renaming it to *.verified.cs or by running the tests with {AcceptVariable}=1.");
        }

        string expected = Scrub(File.ReadAllText(verified));
        if (expected == normalized)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }

        File.WriteAllText(received, normalized);
        Assert.Fail($"The output differs from the accepted snapshot {verified} (written to {received}).\n" +
            $"First difference: {FirstDifference(expected, normalized)}\n" +
            $"If the change is intended, run the tests with {AcceptVariable}=1 and review the diff of the .verified.cs files.");
    }

    /// <summary>Line endings as \n, and the generator's version in [GeneratedCode] as "x".</summary>
    public static string Scrub(string text)
        => GeneratedCodeVersion().Replace(text.Replace("\r\n", "\n").Replace('\r', '\n'), "GeneratedCode(\"TokenIssuer.Generator\", \"x\")");

    [GeneratedRegex("GeneratedCode\\(\"TokenIssuer\\.Generator\", \"[^\"]*\"\\)")]
    private static partial Regex GeneratedCodeVersion();

    private static string SnapshotDirectory(string sourceFile)
    {
        string path = sourceFile;
        if (!File.Exists(path))
        {
            // A build with mapped source paths (/_/tests/...): find the file under the repository root.
            string relative = path.Replace('\\', '/');
            int tests = relative.IndexOf("/tests/", StringComparison.Ordinal);
            if (tests >= 0) path = Path.Combine(RepositoryRoot.Find(), relative[(tests + 1)..]);
        }
        string directory = Path.GetDirectoryName(path)!;
        return Path.GetFileName(directory) == "Snapshots" ? directory : Path.Combine(directory, "Snapshots");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string? left = i < e.Length ? e[i] : null;
            string? right = i < a.Length ? a[i] : null;
            if (left != right) return $"line {i + 1}\n  expected: {left ?? "<end>"}\n  actual:   {right ?? "<end>"}";
        }
        return "none";
    }
}

/// <summary>The repository root: the first folder above the test binaries that holds TokenIssuer.sln.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TokenIssuer.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"TokenIssuer.sln was not found above {AppContext.BaseDirectory}.");
    }
}
