using Xunit.Abstractions;

namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>Redis goes away: a redis-server of the test's own is killed, then started again on the same port with its data.</summary>
public sealed class RedisOutageTests(ITestOutputHelper output) : StoreOutageTests(output)
{
    protected override async Task<StoreOutage> CreateAsync()
    {
        var server = await OwnRedisServer.StartAsync();
        var store = await RedisSharedStore.CreateAsync(server.Endpoint);
        return new StoreOutage(store, $"Redis hash \"{store.Key}\" on {server.Endpoint}", server.StopAsync, server.StartAgainAsync, server.DisposeAsync);
    }
}
