using System.Net;
using StackExchange.Redis;

namespace TokenIssuer.StackExchangeRedis;

/// <summary>
/// Keeps managed signing keys in one Redis hash: a field per key, named by its <c>kid</c>, whose value is the
/// record's JSON (<see cref="JwtStoredKeyJson"/>). Every instance that points at the same hash shares the keys.
/// </summary>
/// <remarks>
/// Writes are safe without a lock: <c>HSETNX</c> sets a field only when it does not exist, so the first instance
/// to add a key wins and no instance ever overwrites another's key. Reading is one <c>HGETALL</c>. The values
/// hold the private keys already protected with Data Protection, never in the clear.
/// </remarks>
public sealed class RedisJwtKeyStore : IJwtKeyStore
{
    private readonly Func<IDatabase> _databaseFactory;
    private readonly RedisKey _key;
    private string? _description;

    /// <summary>Creates a store on the hash <paramref name="key"/> of the database <paramref name="databaseFactory"/> returns.</summary>
    /// <param name="databaseFactory">Returns the database to use; called for each operation, as Data Protection's Redis repository does, so a multiplexer made later (or replaced) is picked up.</param>
    /// <param name="key">The Redis key of the hash that holds the keys.</param>
    public RedisJwtKeyStore(Func<IDatabase> databaseFactory, RedisKey key)
    {
        ArgumentNullException.ThrowIfNull(databaseFactory);
        if (string.IsNullOrEmpty(key)) throw new ArgumentException("The Redis key of the signing-key hash must not be empty.", nameof(key));
        _databaseFactory = databaseFactory;
        _key = key;
    }

    /// <summary><c>Redis hash "KEY" on HOST:PORT (database N)</c>: the endpoints only, never the configuration string, which may hold a password.</summary>
    public string Description => _description ?? Describe();

    /// <inheritdoc />
    public async Task<IReadOnlyCollection<JwtStoredKey>> LoadKeysAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = await Database().HashGetAllAsync(_key).WaitAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<JwtStoredKey>(entries.Length);
        foreach (var entry in entries)
        {
            keys.Add(JwtStoredKeyJson.Deserialize(entry.Value.ToString(), $"in field \"{entry.Name}\" of {Description}"));
        }
        return keys;
    }

    /// <inheritdoc />
    public Task<bool> TryAddKeyAsync(JwtStoredKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        // HSETNX: atomic on the server, and false when another instance added the same kid first. A cancelled
        // call may still have added the key (the command was sent); the next load shows it, and a retry returns false.
        return Database().HashSetAsync(_key, key.KeyId, JwtStoredKeyJson.Serialize(key), When.NotExists).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        cancellationToken.ThrowIfCancellationRequested();
        return Database().HashDeleteAsync(_key, keyId).WaitAsync(cancellationToken);
    }

    /// <summary>Omits nothing secret: the same text as <see cref="Description"/>.</summary>
    public override string ToString() => Description;

    private IDatabase Database()
        => _databaseFactory() ?? throw new InvalidOperationException($"The database factory given to PersistKeysToStackExchangeRedis returned null for the Redis hash \"{_key}\".");

    private string Describe()
    {
        string where;
        try
        {
            var database = Database();
            var endpoints = database.Multiplexer.GetEndPoints();
            where = endpoints.Length == 0
                ? $"(no endpoint configured, database {database.Database})"
                : $"on {string.Join(", ", endpoints.Select(Format))} (database {database.Database})";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A description is for logs; a factory that fails now is reported by the operation that needs it,
            // and the next read of Description tries again.
            return $"Redis hash \"{_key}\" (database from a factory that could not be called yet)";
        }
        return _description = $"Redis hash \"{_key}\" {where}";
    }

    private static string Format(EndPoint endpoint) => endpoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        IPEndPoint ip => ip.ToString(),
        _ => endpoint.ToString() ?? endpoint.GetType().Name,
    };
}
