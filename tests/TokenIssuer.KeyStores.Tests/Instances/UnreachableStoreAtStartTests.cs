using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>A store that cannot be reached at the first start, with no key cached, stops start-up with a message naming it.</summary>
public sealed class UnreachableStoreAtStartTests
{
    private static readonly Dictionary<string, string?> Settings = IssuingInstance.Settings(TimeSpan.FromDays(90), TimeSpan.FromDays(14), TimeSpan.FromDays(14), TimeSpan.FromMinutes(15));

    [Fact]
    public async Task ARedisServerThatIsNotThereStopsStartUpNamingTheHash()
    {
        int port = OwnRedisServer.FreePort();
        await using var store = await RedisSharedStore.CreateAsync();
        using var keyRing = new SharedKeyRing();
        var nowhere = new NowhereStore(store, $"127.0.0.1:{port}");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => IssuingInstance.StartAsync(nowhere, keyRing, Settings));

        Assert.StartsWith($"TokenIssuer cannot load its managed signing keys from Redis hash \"{store.Key}\" on 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check that the store is reachable", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task APostgresServerThatIsNotThereStopsStartUpNamingTheTableAndDatabase()
    {
        int port = OwnRedisServer.FreePort();
        using var keyRing = new SharedKeyRing();
        var nowhere = new PostgresNowhere($"Host=127.0.0.1;Port={port};Username=app;Password=s3cret-never-shown;Database=keys;Timeout=2");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => IssuingInstance.StartAsync(nowhere, keyRing, Settings));

        Assert.StartsWith($"TokenIssuer cannot load its managed signing keys from table \"JwtKeys\" of KeysDbContext (Npgsql.EntityFrameworkCore.PostgreSQL, database \"keys\" on tcp://127.0.0.1:{port})", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The Redis store of <paramref name="inner"/>'s hash, on an endpoint where nothing listens.</summary>
    private sealed class NowhereStore(RedisSharedStore inner, string endpoint) : SharedStore
    {
        public override string Server => "Redis (nowhere)";

        public override IReadOnlyList<string> ChildArguments => throw new NotSupportedException();

        public override void Persist(IServiceCollection services, JwtIssuerBuilder builder)
        {
            var connection = StackExchange.Redis.ConnectionMultiplexer.Connect($"{endpoint},abortConnect=false,connectTimeout=1000,asyncTimeout=1000");
            services.AddSingleton(connection);
            builder.PersistKeysToStackExchangeRedis(connection, inner.Key);
        }

        public override Task<IReadOnlyList<string>> RawRecordsAsync() => throw new NotSupportedException();

        public override Task<IReadOnlyCollection<JwtStoredKey>> LoadAsync() => throw new NotSupportedException();

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class PostgresNowhere(string connectionString) : SharedStore
    {
        public override string Server => "PostgreSQL (nowhere)";

        public override IReadOnlyList<string> ChildArguments => throw new NotSupportedException();

        public override void Persist(IServiceCollection services, JwtIssuerBuilder builder)
        {
            services.AddDbContext<KeysDbContext>(options => options.UseNpgsql(connectionString));
            builder.PersistKeysToDbContext<KeysDbContext>();
        }

        public override Task<IReadOnlyList<string>> RawRecordsAsync() => throw new NotSupportedException();

        public override Task<IReadOnlyCollection<JwtStoredKey>> LoadAsync() => throw new NotSupportedException();

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
