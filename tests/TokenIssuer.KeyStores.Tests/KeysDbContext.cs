using Microsoft.EntityFrameworkCore;
using TokenIssuer.EntityFrameworkCore;

namespace TokenIssuer.KeyStores.Tests;

/// <summary>An app's context as the README tells users to write it: one DbSet, no model code.</summary>
public sealed class KeysDbContext(DbContextOptions<KeysDbContext> options) : DbContext(options), IJwtKeyStoreContext
{
    public DbSet<JwtKeyRecord> JwtKeys { get; set; } = null!;
}
