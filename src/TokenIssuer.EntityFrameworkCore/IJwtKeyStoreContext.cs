using Microsoft.EntityFrameworkCore;

namespace TokenIssuer.EntityFrameworkCore;

/// <summary>
/// A <see cref="DbContext"/> that holds TokenIssuer's managed signing keys, in the table of
/// <see cref="JwtKeys"/> (named <c>JwtKeys</c> by convention). The shape of Data Protection's <c>IDataProtectionKeyContext</c>:
/// add <c>public DbSet&lt;JwtKeyRecord&gt; JwtKeys { get; set; }</c> to the app's context, then create the
/// table with a migration or <c>EnsureCreated()</c>; the record's attributes configure it, no model code needed.
/// </summary>
public interface IJwtKeyStoreContext
{
    /// <summary>The stored keys, one row per key.</summary>
    DbSet<JwtKeyRecord> JwtKeys { get; }
}
