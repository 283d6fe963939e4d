using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace TokenIssuer.KeyStores.Tests;

/// <summary>
/// The store contract on a real PostgreSQL server through EF Core. Each test creates a database of its own
/// (with <c>EnsureCreated()</c>) and drops it afterwards; each host has a connection pool of its own.
/// </summary>
public sealed class PostgresKeyStoreTests : KeyStoreContractTests
{
    private readonly string _database = $"tokenissuer_test_{Guid.NewGuid():N}";
    private readonly string _password = $"s3cret-{Guid.NewGuid():N}";
    private bool _created;

    protected override string? Secret => _password;

    protected override IReadOnlyList<string> DescriptionNames => ["JwtKeys", nameof(KeysDbContext), _database];

    protected override IReadOnlyList<string> ChildArguments => ["postgres", ConnectionString("child")];

    // timestamptz keeps microseconds.
    protected override TimeSpan CreatedPrecision => TimeSpan.FromMicroseconds(1);

    protected override async Task CreateNamespaceAsync()
    {
        await using (var admin = await OpenAdminAsync())
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", admin);
            await create.ExecuteNonQueryAsync();
            _created = true;
        }
        // The table as an app gets it without migrations: EnsureCreated() on its own context.
        await using var host = StoreHosts.Postgres(ConnectionString("setup"));
        await using var scope = host.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<KeysDbContext>().Database.EnsureCreatedAsync());
    }

    protected override async Task DeleteNamespaceAsync()
    {
        if (!_created) return;
        NpgsqlConnection.ClearAllPools();
        await using var admin = await OpenAdminAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    protected override Task<IAsyncDisposable> CreateHostAsync(int index)
        => Task.FromResult<IAsyncDisposable>(StoreHosts.Postgres(ConnectionString($"host-{index}")));

    [Fact]
    public async Task TheKidIsUniqueInTheTableItself()
    {
        var store = await NewStoreAsync();
        var key = NewKey("signing");
        await store.TryAddKeyAsync(key, CancellationToken.None);

        await using var connection = new NpgsqlConnection(ConnectionString("check"));
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO \"JwtKeys\" (\"KeyId\", \"KeyName\", \"Algorithm\", \"Created\", \"ProtectedKey\", \"FormatVersion\") VALUES (@kid, 'x', 'ES256', now(), 'x', 1)", connection);
        insert.Parameters.AddWithValue("kid", key.KeyId);

        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [Fact]
    public async Task AddingWithoutTheTableFailsInsteadOfReportingATakenKid()
    {
        var store = await NewStoreAsync();
        await using (var connection = new NpgsqlConnection(ConnectionString("check")))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP TABLE \"JwtKeys\"", connection);
            await drop.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => store.TryAddKeyAsync(NewKey("signing"), CancellationToken.None));
    }

    [Fact]
    public async Task TheTableAnAppMigrationCreatesWorksToo()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString("check")))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP TABLE \"JwtKeys\"", connection);
            await drop.ExecuteNonQueryAsync();
        }

        // What `dotnet ef migrations add` computes for the app's model, then the SQL `database update` runs.
        await using (var host = StoreHosts.Postgres(ConnectionString("migrate")))
        await using (var scope = host.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<KeysDbContext>();
            var model = context.GetService<IDesignTimeModel>().Model.GetRelationalModel();
            var operations = context.GetService<IMigrationsModelDiffer>().GetDifferences(null, model);
            Assert.Contains(operations, o => o is CreateTableOperation { Name: "JwtKeys" });
            Assert.Contains(operations, o => o is CreateIndexOperation { Table: "JwtKeys", IsUnique: true } index && index.Columns.SequenceEqual(["KeyId"]));
            var commands = context.GetService<IMigrationsSqlGenerator>().Generate(operations, context.GetService<IDesignTimeModel>().Model);
            await context.GetService<IMigrationCommandExecutor>().ExecuteNonQueryAsync(commands, context.GetService<IRelationalConnection>());
        }

        var store = await NewStoreAsync();
        var key = NewKey("signing");
        Assert.True(await store.TryAddKeyAsync(key, CancellationToken.None));
        Assert.False(await store.TryAddKeyAsync(key with { ProtectedKey = Protected("second") }, CancellationToken.None));
        Assert.Equal(key, Assert.Single(await store.LoadKeysAsync(CancellationToken.None)));
    }

    // Application Name gives each host a pool of its own, as separate app instances have; the password is
    // ignored by the test server's trust authentication but is a real secret for the description test.
    private string ConnectionString(string application) => new NpgsqlConnectionStringBuilder(TestServers.Postgres)
    {
        Database = _database,
        Password = _password,
        ApplicationName = application,
        Timeout = TestServers.PostgresConnectSeconds,
    }.ConnectionString;

    private static async Task<NpgsqlConnection> OpenAdminAsync()
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
