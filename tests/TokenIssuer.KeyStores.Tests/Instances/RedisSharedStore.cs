using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>A hash of its own on a Redis server; each instance connects with a multiplexer of its own.</summary>
public sealed class RedisSharedStore : SharedStore
{
    private readonly List<ConnectionMultiplexer> _connections = [];
    private readonly ConnectionMultiplexer _admin;

    private RedisSharedStore(string endpoint, ConnectionMultiplexer admin)
    {
        Endpoint = endpoint;
        _admin = admin;
    }

    /// <summary><c>host:port</c> of the server.</summary>
    public string Endpoint { get; }

    /// <summary>The hash that holds the keys.</summary>
    public string Key { get; } = $"tokenissuer-tests:{Guid.NewGuid():N}";

    public override string Server => "Redis";

    public override IReadOnlyList<string> ChildArguments => ["redis", Configuration(), Key];

    /// <summary>Connects to <paramref name="endpoint"/> (the shared test server unless given); fails naming the server when it is not there.</summary>
    public static async Task<RedisSharedStore> CreateAsync(string? endpoint = null)
    {
        endpoint ??= TestServers.Redis;
        try
        {
            return new RedisSharedStore(endpoint, await ConnectionMultiplexer.ConnectAsync($"{endpoint},connectTimeout=5000,abortConnect=true"));
        }
        catch (RedisConnectionException e)
        {
            throw TestServers.Unreachable("Redis", endpoint, TestServers.RedisVariable, e);
        }
    }

    /// <summary>
    /// What an app would use for a store that may go away: no abort when the server is missing at connect (the
    /// multiplexer reconnects by itself), and operations that fail within seconds rather than a minute.
    /// </summary>
    public string Configuration() => $"{Endpoint},abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000,connectRetry=1";

    public override void Persist(IServiceCollection services, JwtIssuerBuilder builder)
    {
        var connection = ConnectionMultiplexer.Connect(Configuration());
        lock (_connections) _connections.Add(connection);
        builder.PersistKeysToStackExchangeRedis(connection, Key);
    }

    public override async Task<IReadOnlyList<string>> RawRecordsAsync()
    {
        var entries = await _admin.GetDatabase().HashGetAllAsync(Key);
        return entries.SelectMany(e => new[] { e.Name.ToString(), e.Value.ToString() }).ToList();
    }

    public override Task<IReadOnlyCollection<JwtStoredKey>> LoadAsync()
        => new TokenIssuer.StackExchangeRedis.RedisJwtKeyStore(() => _admin.GetDatabase(), Key).LoadKeysAsync(CancellationToken.None);

    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (_admin.IsConnected) await _admin.GetDatabase().KeyDeleteAsync(Key);
        }
        finally
        {
            foreach (var connection in _connections) await connection.DisposeAsync();
            await _admin.DisposeAsync();
        }
    }
}
