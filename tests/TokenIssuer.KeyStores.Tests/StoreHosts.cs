using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace TokenIssuer.KeyStores.Tests;

/// <summary>
/// Builds one "host" on a store: a service provider of its own, as a separate app instance has, with the store
/// registered by the package's one-line call. Shared by the tests and by the child processes (Program.cs).
/// </summary>
internal static class StoreHosts
{
    /// <summary>A host with a Redis connection of its own; <paramref name="throughFactory"/> picks the <c>Func&lt;IDatabase&gt;</c> overload.</summary>
    public static async Task<StoreHost> RedisAsync(string configuration, string key, bool throughFactory)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        var services = new ServiceCollection();
        var builder = services.AddJwtIssuer(_ => { });
        if (throughFactory) builder.PersistKeysToStackExchangeRedis(() => connection.GetDatabase(), key);
        else builder.PersistKeysToStackExchangeRedis(connection, key);
        return new StoreHost(services.BuildServiceProvider(validateScopes: true), connection);
    }

    public static StoreHost Postgres(string connectionString) => Ef(options => options.UseNpgsql(connectionString));

    public static StoreHost Sqlite(string connectionString) => Ef(options => options.UseSqlite(connectionString));

    private static StoreHost Ef(Action<DbContextOptionsBuilder> provider)
    {
        var services = new ServiceCollection();
        services.AddDbContext<KeysDbContext>(provider);
        services.AddJwtIssuer(_ => { }).PersistKeysToDbContext<KeysDbContext>();
        return new StoreHost(services.BuildServiceProvider(validateScopes: true), null);
    }
}

/// <summary>A host's services, and what they use that the container does not own (a Redis connection).</summary>
internal sealed class StoreHost(ServiceProvider services, IDisposable? connection) : IServiceProvider, IAsyncDisposable
{
    public object? GetService(Type serviceType) => services.GetService(serviceType);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        connection?.Dispose();
    }
}
