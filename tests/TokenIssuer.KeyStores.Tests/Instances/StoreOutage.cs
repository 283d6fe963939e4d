namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>A shared store with a way to take it down and bring it back (<see cref="StoreOutageTests"/>).</summary>
/// <param name="storeNamed">What the outage log must name (the store's description, or its start).</param>
public sealed class StoreOutage(SharedStore store, string storeNamed, Func<Task> goDown, Func<Task> comeBack, Func<ValueTask> disposeServer) : IAsyncDisposable
{
    public SharedStore Store { get; } = store;

    public string StoreNamed { get; } = storeNamed;

    public Task GoDownAsync() => goDown();

    public Task ComeBackAsync() => comeBack();

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await disposeServer();
    }
}
