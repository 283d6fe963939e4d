using BenchmarkDotNet.Running;
using TokenIssuer.Benchmarks;

// dotnet run -c Release --project benchmarks/TokenIssuer.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/TokenIssuer.Benchmarks -- --verify   (checks every token, measures nothing)
if (args.Contains("--verify"))
{
    foreach (var algorithm in BenchToken.Algorithms)
    {
        var benchmarks = new SignBenchmarks { Algorithm = algorithm };
        try
        {
            benchmarks.Setup(); // mints and verifies one token per method; throws on the first problem
            foreach (var (method, token) in benchmarks.MintOnce())
            {
                Console.WriteLine($"{algorithm} {method,-20} ok  {token.Length} chars  {token}");
            }
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{algorithm}: {e.Message}");
            return 1;
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }
    Console.WriteLine("All tokens verified.");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(SignBenchmarks).Assembly).Run(args, BenchmarkConfig.Create());
return 0;
