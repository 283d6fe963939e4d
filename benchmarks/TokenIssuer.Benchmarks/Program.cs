using BenchmarkDotNet.Running;
using TokenIssuer.Benchmarks;

// dotnet run -c Release --project benchmarks/TokenIssuer.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/TokenIssuer.Benchmarks -- --filter '*HostSignBenchmarks*' --launches 3
// dotnet run -c Release --project benchmarks/TokenIssuer.Benchmarks -- --verify   (checks every token, measures nothing)
// dotnet run -c Release --project benchmarks/TokenIssuer.Benchmarks -- --host-loop [HS256|ES256] [rounds] [--only Method]
if (args.Length > 0 && args[0] == "--host-loop")
{
    string algorithm = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "HS256";
    int rounds = args.Length > 2 && int.TryParse(args[2], out int r) ? r : 15;
    int onlyAt = Array.IndexOf(args, "--only");
    return HostLoop.Run(algorithm, rounds, onlyAt >= 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1] : null);
}
if (args.Contains("--verify"))
{
    try
    {
        foreach (var algorithm in BenchToken.Algorithms)
        {
            var benchmarks = new SignBenchmarks { Algorithm = algorithm };
            try
            {
                benchmarks.Setup(); // mints and verifies one token per method; throws on the first problem
                foreach (var (method, token) in benchmarks.MintOnce())
                {
                    Console.WriteLine($"{algorithm} {method,-24} ok  {token.Length} chars  {token}");
                }
            }
            finally
            {
                benchmarks.Cleanup();
            }
        }

        foreach (var algorithm in new[] { "HS256", "ES256" })
        {
            var host = new HostSignBenchmarks { Algorithm = algorithm };
            try
            {
                host.Setup(); // a started console host; mints and verifies one token per method
                Console.WriteLine($"Host {algorithm} ok");
            }
            finally
            {
                host.Cleanup();
            }
        }

        foreach (var algorithm in new[] { "HS256", "ES256" })
        {
            foreach (int threads in new[] { 1, 2 })
            {
                foreach (var method in new[] { "Generated", "LeastWork" })
                {
                    var throughput = new ThroughputBenchmarks { Algorithm = algorithm, Threads = threads };
                    try
                    {
                        // Verifies a token from every thread, then runs one invocation.
                        if (method == "Generated") { throughput.SetupGenerated(); throughput.Generated(); }
                        else { throughput.SetupLeastWork(); throughput.LeastWork(); }
                        Console.WriteLine($"Throughput {algorithm} {method} on {threads} thread(s) ok");
                    }
                    finally
                    {
                        throughput.Cleanup();
                    }
                }
            }
        }

        var startup = new StartupBenchmarks();
        startup.Setup();
        Console.WriteLine($"Startup ok  {startup.BuildAndResolveIssuer()} profiles compiled");

        var generator = new GeneratorBenchmarks();
        generator.Setup();
        Console.WriteLine($"Generator ok  {generator.ColdRun().GeneratedTrees.Length} file(s) from {GeneratorBenchmarks.ProfileCount} profiles");
    }
    catch (Exception e)
    {
        Console.Error.WriteLine(e);
        return 1;
    }
    Console.WriteLine("All tokens verified.");
    return 0;
}

// --launches N (ours, not BenchmarkDotNet's): N processes per benchmark.
int launchesAt = Array.IndexOf(args, "--launches");
int launches = launchesAt >= 0 && launchesAt + 1 < args.Length && int.TryParse(args[launchesAt + 1], out int n) && n > 0 ? n : 1;
if (launchesAt >= 0) args = [.. args[..launchesAt], .. args[Math.Min(args.Length, launchesAt + 2)..]];
BenchmarkSwitcher.FromAssembly(typeof(SignBenchmarks).Assembly).Run(args, BenchmarkConfig.Create(launches));
return 0;
