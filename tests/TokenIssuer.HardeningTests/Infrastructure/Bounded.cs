namespace TokenIssuer.HardeningTests;

/// <summary>Runs a step on a thread of its own and gives up waiting after a limit, so a deadlock fails a test instead of hanging the run.</summary>
internal static class Bounded
{
    /// <summary>True when <paramref name="step"/> returned within <paramref name="limit"/>; its exception, if any, is rethrown.</summary>
    public static async Task<bool> FinishesWithin(Action step, TimeSpan limit)
    {
        var run = Task.Factory.StartNew(step, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var finished = await Task.WhenAny(run, Task.Delay(limit));
        if (finished != run) return false;
        await run;
        return true;
    }
}
