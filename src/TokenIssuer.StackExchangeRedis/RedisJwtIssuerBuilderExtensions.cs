using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using TokenIssuer;
using TokenIssuer.StackExchangeRedis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps managed signing keys in Redis: <c>builder.PersistKeysToStackExchangeRedis(connection, "jwt-keys")</c>.</summary>
public static class RedisJwtIssuerBuilderExtensions
{
    /// <summary>
    /// Keeps managed signing keys in the Redis hash <paramref name="key"/>, shared by every instance that
    /// uses the same key (the same call as Data Protection's <c>PersistKeysToStackExchangeRedis</c>).
    /// Replaces any other <see cref="IJwtKeyStore"/>.
    /// </summary>
    /// <param name="builder">The builder <c>AddJwtIssuer</c> returned.</param>
    /// <param name="connection">The app's connection to Redis.</param>
    /// <param name="key">The Redis key of the hash that holds the keys, e.g. <c>"jwt-keys"</c>.</param>
    public static JwtIssuerBuilder PersistKeysToStackExchangeRedis(this JwtIssuerBuilder builder, IConnectionMultiplexer connection, RedisKey key)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return PersistKeysToStackExchangeRedis(builder, () => connection.GetDatabase(), key);
    }

    /// <summary>
    /// Keeps managed signing keys in the Redis hash <paramref name="key"/> of the database
    /// <paramref name="databaseFactory"/> returns (called for each operation). Replaces any other <see cref="IJwtKeyStore"/>.
    /// </summary>
    /// <param name="builder">The builder <c>AddJwtIssuer</c> returned.</param>
    /// <param name="databaseFactory">Returns the Redis database to use.</param>
    /// <param name="key">The Redis key of the hash that holds the keys, e.g. <c>"jwt-keys"</c>.</param>
    public static JwtIssuerBuilder PersistKeysToStackExchangeRedis(this JwtIssuerBuilder builder, Func<IDatabase> databaseFactory, RedisKey key)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var store = new RedisJwtKeyStore(databaseFactory, key);
        builder.Services.RemoveAll<IJwtKeyStore>();
        builder.Services.AddSingleton<IJwtKeyStore>(store);
        return builder;
    }
}
