using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.EntityFrameworkCore;

/// <summary>
/// Keeps managed signing keys in the <see cref="IJwtKeyStoreContext.JwtKeys"/> table of the app's
/// <typeparamref name="TContext"/>, with a context of its own for each operation (the store is a singleton,
/// a context is not). Every instance that uses the same database shares the keys.
/// </summary>
/// <remarks>
/// An add is a plain insert: the unique index on <see cref="JwtKeyRecord.KeyId"/> makes the database
/// refuse a second row with the same <c>kid</c>, whichever instance sends it, so no lock is needed and
/// no key is ever overwritten.
/// </remarks>
/// <typeparam name="TContext">The app's context.</typeparam>
public sealed class EfCoreJwtKeyStore<TContext> : IJwtKeyStore
    where TContext : DbContext, IJwtKeyStoreContext
{
    private readonly IServiceScopeFactory _scopes;
    private string? _description;

    /// <summary>Creates the store; <paramref name="scopes"/> provides a <typeparamref name="TContext"/> for each operation.</summary>
    public EfCoreJwtKeyStore(IServiceScopeFactory scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        _scopes = scopes;
    }

    /// <summary>E.g. <c>table "JwtKeys" of AppDbContext (Npgsql.EntityFrameworkCore.PostgreSQL, database "app" on tcp://db:5432)</c>: the server and database, never the connection string.</summary>
    public string Description => _description ?? Describe();

    /// <inheritdoc />
    public async Task<IReadOnlyCollection<JwtStoredKey>> LoadKeysAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var context = Context(scope);
        var rows = await context.JwtKeys.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ConvertAll(row => row.ToStoredKey());
    }

    /// <inheritdoc />
    public async Task<bool> TryAddKeyAsync(JwtStoredKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        DbUpdateException failure;
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var context = Context(scope);
            context.JwtKeys.Add(JwtKeyRecord.From(key));
            try
            {
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (DbUpdateException e)
            {
                // Providers report a unique-key violation each in their own way; whether the kid is there now
                // tells it apart from any other refusal, which is rethrown.
                failure = e;
            }
        }

        if (await ContainsAsync(key.KeyId, cancellationToken).ConfigureAwait(false)) return false;
        throw new InvalidOperationException($"The signing key {key} could not be added to {Description}: the database refused the row (see the inner exception).", failure);
    }

    /// <inheritdoc />
    public async Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        await using var scope = _scopes.CreateAsyncScope();
        await Context(scope).JwtKeys.Where(row => row.KeyId == keyId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same text as <see cref="Description"/>.</summary>
    public override string ToString() => Description;

    private async Task<bool> ContainsAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await Context(scope).JwtKeys.AsNoTracking().AnyAsync(row => row.KeyId == keyId, cancellationToken).ConfigureAwait(false);
    }

    private static TContext Context(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<TContext>();

    private string Describe()
    {
        string table = "JwtKeys";
        string where = typeof(TContext).Name;
        try
        {
            using var scope = _scopes.CreateScope();
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            table = context.Model.FindEntityType(typeof(JwtKeyRecord))?.GetTableName() ?? table;
            string provider = context.Database.ProviderName ?? "unknown provider";
            if (context.Database.IsRelational())
            {
                // DataSource and Database name the server and database; neither holds a password.
                var connection = context.Database.GetDbConnection();
                where += $" ({provider}, database \"{connection.Database}\" on {connection.DataSource})";
            }
            else
            {
                where += $" ({provider})";
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A description is for logs; a context that cannot be made now is reported by the operation that
            // needs it, and the next read of Description tries again.
            return $"table \"{table}\" of {where}";
        }
        return _description = $"table \"{table}\" of {where}";
    }
}
