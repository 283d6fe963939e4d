using System.Diagnostics;

namespace TokenIssuer.Benchmarks;

/// <summary>
/// The host scenario as issue 14 measured it, outside BenchmarkDotNet: the methods of <see cref="HostSignBenchmarks"/>
/// in one process, interleaved round by round (20,000 tokens each), compared by their medians. Interleaving lets the
/// machine's drift fall on every method alike; with <c>--only</c> one method loops alone, for a profiler
/// (<c>DOTNET_PerfMapEnabled=1 perf record -g</c>).
/// </summary>
internal static class HostLoop
{
    private const int TokensPerRound = 20_000;

    public static int Run(string algorithm, int rounds, string? only)
    {
        var host = new HostSignBenchmarks { Algorithm = algorithm };
        host.Setup();
        try
        {
            var methods = new (string Name, Func<object> Mint)[]
            {
                (nameof(HostSignBenchmarks.Generated), host.Generated),
                (nameof(HostSignBenchmarks.GeneratedWithFacts), () => host.GeneratedWithFacts().Token),
                (nameof(HostSignBenchmarks.Dynamic), host.Dynamic),
                (nameof(HostSignBenchmarks.DynamicWithFacts), () => host.DynamicWithFacts().Token),
                (nameof(HostSignBenchmarks.JsonWebTokenHandler), host.JsonWebTokenHandler),
                (nameof(HostSignBenchmarks.LeastWork), host.LeastWork),
            }.Where(m => only is null || m.Name.Equals(only, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (methods.Length == 0)
            {
                Console.Error.WriteLine($"--only {only}: no such method (Generated, GeneratedWithFacts, Dynamic, DynamicWithFacts, JsonWebTokenHandler, LeastWork).");
                return 2;
            }

            var perToken = methods.ToDictionary(m => m.Name, _ => new List<double>());
            var allocated = methods.ToDictionary(m => m.Name, _ => 0L);
            for (int round = -3; round < rounds; round++) // three warm-up rounds (tiering, PGO)
            {
                foreach (var (name, mint) in methods)
                {
                    long bytes = GC.GetAllocatedBytesForCurrentThread();
                    long start = Stopwatch.GetTimestamp();
                    for (int i = 0; i < TokensPerRound; i++) mint();
                    double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / TokensPerRound;
                    bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
                    if (round < 0) continue;
                    perToken[name].Add(ns);
                    allocated[name] += bytes;
                }
            }

            double least = perToken.TryGetValue(nameof(HostSignBenchmarks.LeastWork), out var lw) ? Median(lw) : double.NaN;
            Console.WriteLine($"{algorithm}, {rounds} rounds of {TokensPerRound:N0} tokens, medians:");
            foreach (var (name, values) in perToken)
            {
                double median = Median(values);
                double bytesPerToken = (double)allocated[name] / (values.Count * TokensPerRound);
                Console.WriteLine($"  {name,-20} {median,9:N1} ns  {median / least,5:0.00}x LeastWork  {bytesPerToken,6:N0} B/token  (quartiles {Quantile(values, 0.25):N1}-{Quantile(values, 0.75):N1})");
            }
            return 0;
        }
        finally
        {
            host.Cleanup();
        }
    }

    private static double Median(List<double> values) => Quantile(values, 0.5);

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Round(q * (sorted.Length - 1))];
    }
}
