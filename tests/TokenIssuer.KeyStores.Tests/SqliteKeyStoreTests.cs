using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.KeyStores.Tests;

/// <summary>The store contract on SQLite through EF Core: a database file of its own per test, made with <c>EnsureCreated()</c>.</summary>
public sealed class SqliteKeyStoreTests : KeyStoreContractTests
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"tokenissuer-keys-{Guid.NewGuid():N}.db");

    // SQLite has no password here (that needs SQLCipher): the description is checked for what it names.
    protected override string? Secret => null;

    protected override IReadOnlyList<string> DescriptionNames => ["JwtKeys", nameof(KeysDbContext), _file];

    protected override IReadOnlyList<string> ChildArguments => ["sqlite", ConnectionString];

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _file, DefaultTimeout = 60 }.ConnectionString;

    protected override async Task CreateNamespaceAsync()
    {
        await using var host = StoreHosts.Sqlite(ConnectionString);
        await using var scope = host.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<KeysDbContext>().Database.EnsureCreatedAsync());
    }

    protected override Task DeleteNamespaceAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" }) File.Delete(_file + suffix);
        return Task.CompletedTask;
    }

    protected override Task<IAsyncDisposable> CreateHostAsync(int index)
        => Task.FromResult<IAsyncDisposable>(StoreHosts.Sqlite(ConnectionString));
}
