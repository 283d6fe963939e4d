using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;

namespace TokenIssuer.Benchmarks;

/// <summary>
/// A short job (1 launch unless asked for more, 3 warm-up and 10 measured iterations) so the whole suite runs in a few
/// minutes on 2 cores; results as GitHub markdown and CSV under
/// <c>benchmarks/TokenIssuer.Benchmarks/BenchmarkDotNet.Artifacts/results</c>.
/// </summary>
internal static class BenchmarkConfig
{
    /// <param name="launches">
    /// Processes per benchmark (<c>--launches N</c>): on a shared virtual machine one process can land on a slower
    /// core or cache for its whole life, so the host scenario's ratios are read over several.
    /// </param>
    public static IConfig Create(int launches = 1)
    {
        var job = Job.Default
            .WithId(launches == 1 ? "Short" : $"Short x{launches}")
            .WithLaunchCount(launches)
            .WithWarmupCount(3)
            .WithIterationCount(10);

        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default)
            .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
            .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
            // Libraries that lack an algorithm (Jwt.Net: no ES*, no PS*) have no case for it.
            .AddFilter(new SimpleFilter(c => c.Descriptor.Type != typeof(SignBenchmarks)
                || SignBenchmarks.Supports(c.Descriptor.WorkloadMethod.Name, (string)c.Parameters[nameof(SignBenchmarks.Algorithm)])))
            // Builds on a shared 2-core machine can take longer than the default 2 minutes.
            .WithBuildTimeout(TimeSpan.FromMinutes(10))
            .WithArtifactsPath(ArtifactsPath());
    }

    /// <summary>Next to the project file when running from the source tree, else the current directory.</summary>
    private static string ArtifactsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TokenIssuer.Benchmarks.csproj")))
            {
                return Path.Combine(dir.FullName, "BenchmarkDotNet.Artifacts");
            }
        }
        return Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");
    }
}
