using System.Reflection;

namespace TokenIssuer.Cli.Tests;

/// <summary>Where the repository, the CLI build and the programs the tests start are.</summary>
internal static class Repository
{
    /// <summary>The folder holding TokenIssuer.sln, found upwards from the test assembly.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TokenIssuer.sln"))) return dir.FullName;
        }
        Assert.Fail($"TokenIssuer.sln not found in {AppContext.BaseDirectory} or any folder above it.");
        return null!;
    }

    /// <summary>Debug or Release: the Configuration this test assembly was built with.</summary>
    public static string Configuration()
        => typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
           ?? throw new InvalidOperationException("The test assembly has no AssemblyConfiguration attribute.");

    /// <summary>The CLI's build in this Configuration (built with the tests: see the csproj).</summary>
    public static string CliDll() => Path.Combine(Root(), "src", "TokenIssuer.Cli", "bin", Configuration(), "net10.0", "TokenIssuer.Cli.dll");

    /// <summary>The dotnet host running the tests, or the one on PATH.</summary>
    public static string? Dotnet()
        => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : FindOnPath("dotnet");

    public static string? FindOnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { program + ".exe", program + ".cmd" } : new[] { program })
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
