using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>
/// One test's namespace on a real server (a Redis hash, a PostgreSQL database), shared by the app instances the
/// test starts: each instance registers it with the package's one-line call and a connection of its own, as
/// separate app instances do. The test can read what the server holds, byte for byte.
/// </summary>
public abstract class SharedStore : IAsyncDisposable
{
    /// <summary>The server's name, for messages (<c>Redis</c>, <c>PostgreSQL</c>).</summary>
    public abstract string Server { get; }

    /// <summary>Registers the store on an instance's services, with a connection of the instance's own.</summary>
    public abstract void Persist(IServiceCollection services, JwtIssuerBuilder builder);

    /// <summary>Every stored record exactly as the server holds it: each Redis field and value, each row as text.</summary>
    public abstract Task<IReadOnlyList<string>> RawRecordsAsync();

    /// <summary>The records, read through a store of the test's own.</summary>
    public abstract Task<IReadOnlyCollection<JwtStoredKey>> LoadAsync();

    /// <summary>The arguments after the child process's mode that make it an instance on this store (<see cref="Program"/>).</summary>
    public abstract IReadOnlyList<string> ChildArguments { get; }

    public abstract ValueTask DisposeAsync();
}
