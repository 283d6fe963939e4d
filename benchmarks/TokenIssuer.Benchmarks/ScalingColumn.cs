using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace TokenIssuer.Benchmarks;

/// <summary>
/// The columns of <see cref="ThroughputBenchmarks"/> that say how a path scales on this machine, in this run:
/// <c>Speed-up</c> is a method's Mean on 1 thread over its Mean on 2 threads, and <c>vs LeastWork's</c> divides it by
/// LeastWork's own speed-up for the same algorithm. LeastWork shares nothing between its threads, so its speed-up is
/// what the machine gave the run; a path that scales as well as the machine allows reads 1.00.
/// </summary>
internal sealed class ScalingColumn(bool relative) : IColumn
{
    public sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ScalingColumn(relative: false), new ScalingColumn(relative: true));
    }

    public string Id => relative ? "ScalingVsLeastWork" : "Scaling";
    public string ColumnName => relative ? "vs LeastWork's" : "Speed-up";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => relative ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => relative
        ? "Speed-up divided by LeastWork's speed-up for the same algorithm in this run (1.00: scales as the machine allows)"
        : "Mean on 1 thread / Mean on this many threads, for this method and algorithm";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        string method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        var algorithm = benchmarkCase.Parameters[nameof(ThroughputBenchmarks.Algorithm)];
        int threads = (int)benchmarkCase.Parameters[nameof(ThroughputBenchmarks.Threads)];
        if (threads == 1) return "";
        if (SpeedUp(summary, method, algorithm, threads) is not { } speedUp) return "?";
        if (!relative) return speedUp.ToString("0.00", CultureInfo.InvariantCulture) + "x";
        if (SpeedUp(summary, nameof(ThroughputBenchmarks.LeastWork), algorithm, threads) is not { } machine) return "?";
        return (speedUp / machine).ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static double? SpeedUp(Summary summary, string method, object algorithm, int threads)
        => Mean(summary, method, algorithm, 1) is { } one && Mean(summary, method, algorithm, threads) is { } many && many > 0 ? one / many : null;

    private static double? Mean(Summary summary, string method, object algorithm, int threads)
        => summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
                && Equals(r.BenchmarkCase.Parameters[nameof(ThroughputBenchmarks.Algorithm)], algorithm)
                && (int)r.BenchmarkCase.Parameters[nameof(ThroughputBenchmarks.Threads)] == threads)
            ?.ResultStatistics?.Mean;

    public override string ToString() => ColumnName;
}
