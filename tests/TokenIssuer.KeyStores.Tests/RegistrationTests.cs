using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TokenIssuer.EntityFrameworkCore;
using TokenIssuer.StackExchangeRedis;

namespace TokenIssuer.KeyStores.Tests;

/// <summary>The one-line calls register their store as the only <see cref="IJwtKeyStore"/>. No server needed: nothing is connected.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void RedisReplacesAnyOtherStore()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IJwtKeyStore, OtherStore>();
        services.AddSingleton<IJwtKeyStore, OtherStore>();

        services.AddJwtIssuer(_ => { }).PersistKeysToStackExchangeRedis(() => throw new InvalidOperationException("not connected in this test"), "keys");

        var registration = Assert.Single(services, d => d.ServiceType == typeof(IJwtKeyStore));
        Assert.Equal(ServiceLifetime.Singleton, registration.Lifetime);
        using var provider = services.BuildServiceProvider();
        var store = Assert.IsType<RedisJwtKeyStore>(provider.GetRequiredService<IJwtKeyStore>());
        // The factory is not called until an operation needs it; the description still names the hash.
        Assert.Contains("\"keys\"", store.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void EfCoreReplacesAnyOtherStore()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IJwtKeyStore, OtherStore>();
        services.AddDbContext<KeysDbContext>(options => options.UseSqlite("Data Source=:memory:"));

        services.AddJwtIssuer(_ => { }).PersistKeysToDbContext<KeysDbContext>();

        var registration = Assert.Single(services, d => d.ServiceType == typeof(IJwtKeyStore));
        Assert.Equal(ServiceLifetime.Singleton, registration.Lifetime);
        using var provider = services.BuildServiceProvider(validateScopes: true);
        Assert.IsType<EfCoreJwtKeyStore<KeysDbContext>>(provider.GetRequiredService<IJwtKeyStore>());
    }

    [Fact]
    public void TheTableHasAUniqueKidWithoutModelCode()
    {
        using var context = new KeysDbContext(new DbContextOptionsBuilder<KeysDbContext>().UseSqlite("Data Source=:memory:").Options);

        var entity = context.Model.FindEntityType(typeof(JwtKeyRecord))!;

        Assert.Equal("JwtKeys", entity.GetTableName());
        var index = Assert.Single(entity.GetIndexes());
        Assert.True(index.IsUnique);
        Assert.Equal([nameof(JwtKeyRecord.KeyId)], index.Properties.Select(p => p.Name));
        Assert.Equal(nameof(JwtKeyRecord.Id), Assert.Single(entity.FindPrimaryKey()!.Properties).Name);
    }

    private sealed class OtherStore : IJwtKeyStore
    {
        public string Description => "other";

        public Task<IReadOnlyCollection<JwtStoredKey>> LoadKeysAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> TryAddKeyAsync(JwtStoredKey key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
