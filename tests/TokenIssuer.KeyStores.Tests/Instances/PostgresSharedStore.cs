using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>A database of its own on the PostgreSQL server, its table made with <c>EnsureCreated()</c>; each instance has a pool of its own.</summary>
public sealed class PostgresSharedStore : SharedStore
{
    private readonly string _database = $"tokenissuer_test_{Guid.NewGuid():N}";

    /// <summary>The test's own database on the server.</summary>
    public string Database => _database;
    private int _instances;
    private StoreHost? _reader;

    private PostgresSharedStore()
    {
    }

    public override string Server => "PostgreSQL";

    public override IReadOnlyList<string> ChildArguments => ["postgres", ConnectionString("child")];

    public static async Task<PostgresSharedStore> CreateAsync()
    {
        var store = new PostgresSharedStore();
        await using (var admin = await OpenAdminAsync())
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{store._database}\"", admin))
        {
            await create.ExecuteNonQueryAsync();
        }
        await using var host = StoreHosts.Postgres(store.ConnectionString("setup"));
        await using var scope = host.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<KeysDbContext>().Database.EnsureCreatedAsync();
        return store;
    }

    public override void Persist(IServiceCollection services, JwtIssuerBuilder builder)
    {
        string connectionString = ConnectionString($"instance-{Interlocked.Increment(ref _instances)}");
        services.AddDbContext<KeysDbContext>(options => options.UseNpgsql(connectionString));
        builder.PersistKeysToDbContext<KeysDbContext>();
    }

    public override async Task<IReadOnlyList<string>> RawRecordsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString("raw"));
        await connection.OpenAsync();
        // Each row as PostgreSQL renders it, every column included.
        await using var select = new NpgsqlCommand("SELECT row_to_json(k)::text FROM \"JwtKeys\" k", connection);
        await using var reader = await select.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    /// <summary>
    /// Makes the database refuse new connections and ends its sessions (<paramref name="refuse"/>), or accept them again:
    /// an outage of this database only, on the server every test shares.
    /// </summary>
    public async Task RefuseConnectionsAsync(bool refuse)
    {
        await using var admin = await OpenAdminAsync();
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{_database}\" ALLOW_CONNECTIONS {(refuse ? "false" : "true")}", admin))
        {
            await alter.ExecuteNonQueryAsync();
        }
        if (!refuse)
        {
            // The test's own reader lost its sessions too: it starts afresh (the instances recover on their own).
            await using var reader = new NpgsqlConnection(ConnectionString("load"));
            NpgsqlConnection.ClearPool(reader);
            return;
        }
        await using var end = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database", admin);
        end.Parameters.AddWithValue("database", _database);
        await end.ExecuteNonQueryAsync();
    }

    public override Task<IReadOnlyCollection<JwtStoredKey>> LoadAsync()
        => (_reader ??= StoreHosts.Postgres(ConnectionString("load"))).GetRequiredService<IJwtKeyStore>().LoadKeysAsync(CancellationToken.None);

    public string ConnectionString(string application) => new NpgsqlConnectionStringBuilder(TestServers.Postgres)
    {
        Database = _database,
        ApplicationName = application,
        Timeout = TestServers.PostgresConnectSeconds,
    }.ConnectionString;

    public override async ValueTask DisposeAsync()
    {
        if (_reader is not null) await _reader.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = await OpenAdminAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    internal static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Timeout = TestServers.PostgresConnectSeconds }.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync();
            var where = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
            throw TestServers.Unreachable("PostgreSQL", $"{where.Host}:{where.Port}", TestServers.PostgresVariable, e);
        }
    }
}
