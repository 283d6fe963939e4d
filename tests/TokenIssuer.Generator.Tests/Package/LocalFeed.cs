using Xunit.Abstractions;

namespace TokenIssuer.Generator.Tests;

/// <summary>
/// The TokenIssuer package packed into a folder of the test's own under a unique version, and the NuGet.config that
/// adds that folder as a source (the machine's own sources stay in effect: no &lt;clear/&gt;).
/// </summary>
internal static class LocalFeed
{
    // Packs of the same project in parallel (one per test class) race for its bin/Release files ("TokenIssuer.deps.json
    // is being used by another process"): one at a time.
    private static readonly SemaphoreSlim OnePack = new(1, 1);

    /// <summary>Packs src/TokenIssuer into <paramref name="feed"/> and returns the version it was given.</summary>
    public static async Task<string> PackTokenIssuerAsync(ITestOutputHelper log, string feed)
    {
        string root = RepositoryRoot.Find();
        string version = "0.0.0-test-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(feed);
        // The pack uses the machine's packages folder (the runtime's dependencies are there already); only the
        // consumer restores into the test's own folder, so the test package never reaches the global one.
        await OnePack.WaitAsync();
        (int ExitCode, string Output) pack;
        try
        {
            pack = await Dotnet.RunAsync(log, root, null, "pack", Path.Combine(root, "src", "TokenIssuer", "TokenIssuer.csproj"),
                "-c", "Release", "-o", feed, "-p:Version=" + version);
        }
        finally
        {
            OnePack.Release();
        }
        Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack.Output);
        Assert.True(File.Exists(Path.Combine(feed, $"TokenIssuer.{version}.nupkg")), "no package in the feed:\n" + pack.Output);
        return version;
    }

    /// <summary>Writes the NuGet.config that adds <paramref name="feed"/> as a source, in <paramref name="folder"/>.</summary>
    public static void WriteNuGetConfig(string folder, string feed)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
    }
}
