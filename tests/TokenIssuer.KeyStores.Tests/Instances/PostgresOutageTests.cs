using Xunit.Abstractions;

namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>
/// PostgreSQL goes away for the test's database: it stops accepting connections and its sessions are ended (what a
/// database down for maintenance or a failover does to its clients), then accepts them again. The shared test server
/// itself keeps running for the other tests.
/// </summary>
public sealed class PostgresOutageTests(ITestOutputHelper output) : StoreOutageTests(output)
{
    protected override async Task<StoreOutage> CreateAsync()
    {
        var store = await PostgresSharedStore.CreateAsync();
        return new StoreOutage(store, $"table \"JwtKeys\" of KeysDbContext (Npgsql.EntityFrameworkCore.PostgreSQL, database \"{store.Database}\"",
            () => store.RefuseConnectionsAsync(true), () => store.RefuseConnectionsAsync(false), () => ValueTask.CompletedTask);
    }
}
