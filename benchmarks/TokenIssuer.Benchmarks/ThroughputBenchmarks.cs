using BenchmarkDotNet.Attributes;

namespace TokenIssuer.Benchmarks;

/// <summary>
/// Throughput on 1 and 2 threads: each invocation issues <see cref="TokensPerInvoke"/> tokens split evenly
/// over <see cref="Threads"/> threads that were started once in the setup (the calling thread and
/// <c>Threads - 1</c> workers, released together by a barrier). The reported time is per token
/// (OperationsPerInvoke), so tokens/s = 1e9 / Mean(ns), and the 2-thread/1-thread speed-up is
/// Mean(1 thread) / Mean(2 threads).
/// <list type="bullet">
/// <item><c>Generated</c>: every thread calls <c>issuer.IssueHs256(...)</c> / <c>IssueEs256(...)</c> on ONE shared
/// <see cref="IJwtIssuer"/>, as the threads of a web app do.</item>
/// <item><c>LeastWork</c>: every thread mints with its own <see cref="LeastWorkSigner"/> (nothing shared): how
/// well this machine scales at all, the ceiling for <c>Generated</c>.</item>
/// </list>
/// The <c>Speed-up</c> and <c>vs LeastWork's</c> columns (<see cref="ScalingColumn"/>) give each method's 2-thread
/// speed-up and Generated's relative to LeastWork's in the same run.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ScalingColumn.Config))]
public class ThroughputBenchmarks
{
    public const int TokensPerInvoke = 2048;

    [Params("HS256", "ES256")]
    public string Algorithm { get; set; } = "HS256";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    private BenchIssuer _host = null!;
    private LeastWorkSigner[] _least = [];
    private Action<int> _work = null!;
    private Barrier _barrier = null!;
    private Thread[] _workers = [];
    private volatile bool _stopping;
    private Exception? _workerFailure;

    [GlobalSetup(Target = nameof(Generated))]
    public void SetupGenerated()
    {
        _host = BenchIssuer.Create();
        var issuer = _host.Issuer;
        // The loops call the generated method directly (its static lambda), not through a delegate per token.
        (Action<int> work, Func<string> mint) = BenchToken.FamilyOf(Algorithm) switch
        {
            Family.Hmac => ((Action<int>)(count =>
            {
                for (int i = 0; i < count; i++) issuer.IssueHs256(BenchToken.Subject, BenchToken.Name, BenchToken.Role);
            }), (Func<string>)(() => issuer.IssueHs256(BenchToken.Subject, BenchToken.Name, BenchToken.Role))),
            Family.Ecdsa => ((Action<int>)(count =>
            {
                for (int i = 0; i < count; i++) issuer.IssueEs256(BenchToken.Subject, BenchToken.Name, BenchToken.Role);
            }), (Func<string>)(() => issuer.IssueEs256(BenchToken.Subject, BenchToken.Name, BenchToken.Role))),
            _ => throw new ArgumentOutOfRangeException(nameof(Algorithm), Algorithm, "throughput is measured for HS256 and ES256"),
        };
        Start(work, _ => mint);
    }

    [GlobalSetup(Target = nameof(LeastWork))]
    public void SetupLeastWork()
    {
        _least = Enumerable.Range(0, Threads).Select(_ => new LeastWorkSigner(Algorithm)).ToArray();
        Start(null, thread => _least[thread].Mint);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stopping = true;
        if (_barrier is not null && _workers.Length > 0) _barrier.SignalAndWait();
        foreach (var worker in _workers) worker.Join();
        _barrier?.Dispose();
        _host?.Dispose();
        foreach (var least in _least) least.Dispose();
    }

    [Benchmark(OperationsPerInvoke = TokensPerInvoke)]
    public void Generated() => RunOnAllThreads();

    [Benchmark(OperationsPerInvoke = TokensPerInvoke)]
    public void LeastWork() => RunOnAllThreads();

    /// <summary>
    /// Starts the workers. <paramref name="work"/> issues N tokens on the calling thread (null: use the
    /// per-thread mint); <paramref name="mintOn"/> gives each thread's mint function, used to verify a token
    /// from every thread before anything is measured.
    /// </summary>
    private void Start(Action<int>? work, Func<int, Func<string>> mintOn)
    {
        if (TokensPerInvoke % Threads != 0) throw new InvalidOperationException("TokensPerInvoke must split evenly over the threads.");
        var mints = Enumerable.Range(0, Threads).Select(mintOn).ToArray();

        // Every thread's token must be the agreed token, minted on that thread.
        var tokens = new string[Threads];
        var verifiers = Enumerable.Range(0, Threads).Select(t => new Thread(() => tokens[t] = mints[t]())).ToArray();
        foreach (var thread in verifiers) thread.Start();
        foreach (var thread in verifiers) thread.Join();
        foreach (var token in tokens) TokenVerifier.Verify($"Throughput {(work is null ? nameof(LeastWork) : nameof(Generated))}", Algorithm, token);

        var perThread = new Action<int>[Threads];
        for (int t = 0; t < Threads; t++)
        {
            var mint = mints[t];
            perThread[t] = work ?? (count => { for (int i = 0; i < count; i++) mint(); });
        }

        int share = TokensPerInvoke / Threads;
        _barrier = new Barrier(Threads);
        _workers = Enumerable.Range(1, Threads - 1).Select(t => new Thread(() => WorkerLoop(perThread[t], share))
        {
            IsBackground = true,
            Name = $"throughput-{t}",
        }).ToArray();
        foreach (var worker in _workers) worker.Start();
        _work = perThread[0];
    }

    private void WorkerLoop(Action<int> work, int count)
    {
        while (true)
        {
            _barrier.SignalAndWait(); // start
            if (_stopping) return;
            try
            {
                work(count);
            }
            catch (Exception e)
            {
                _workerFailure = e;
            }
            _barrier.SignalAndWait(); // done
        }
    }

    private void RunOnAllThreads()
    {
        int share = TokensPerInvoke / Threads;
        if (Threads == 1)
        {
            _work(share);
            return;
        }
        _barrier.SignalAndWait(); // start the workers
        _work(share);
        _barrier.SignalAndWait(); // wait for them
        if (_workerFailure is { } failure) throw new InvalidOperationException("A worker thread failed.", failure);
    }
}
