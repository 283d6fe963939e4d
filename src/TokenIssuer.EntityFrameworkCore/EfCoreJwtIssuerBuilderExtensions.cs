using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TokenIssuer;
using TokenIssuer.EntityFrameworkCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps managed signing keys in the app's database: <c>builder.PersistKeysToDbContext&lt;AppDbContext&gt;()</c>.</summary>
public static class EfCoreJwtIssuerBuilderExtensions
{
    /// <summary>
    /// Keeps managed signing keys in the <c>JwtKeys</c> table of <typeparamref name="TContext"/>, shared by every
    /// instance that uses the same database (the same call as Data Protection's <c>PersistKeysToDbContext</c>).
    /// Register the context as usual (<c>AddDbContext</c>); create the table with a migration or <c>EnsureCreated()</c>.
    /// Replaces any other <see cref="IJwtKeyStore"/>.
    /// </summary>
    /// <typeparam name="TContext">The app's context, with a <c>DbSet&lt;JwtKeyRecord&gt; JwtKeys</c>.</typeparam>
    /// <param name="builder">The builder <c>AddJwtIssuer</c> returned.</param>
    public static JwtIssuerBuilder PersistKeysToDbContext<TContext>(this JwtIssuerBuilder builder)
        where TContext : DbContext, IJwtKeyStoreContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<IJwtKeyStore>();
        builder.Services.AddSingleton<IJwtKeyStore, EfCoreJwtKeyStore<TContext>>();
        return builder;
    }
}
