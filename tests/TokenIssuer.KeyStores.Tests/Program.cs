using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.KeyStores.Tests;

/// <summary>
/// The child process of the multi-process tests: <c>dotnet TokenIssuer.KeyStores.Tests.dll INDEX KIDS STORE ARGS...</c>.
/// Builds a host on the store, prints <c>ready</c>, waits for <c>go</c> on standard input, adds every kid at once
/// and prints <c>added KID</c> for each one it won. With <c>issuer ...</c> it is an instance of an issuing app instead
/// (<see cref="Instances.IssuerProcess"/>). The test runner never calls this (it loads the assembly as a library).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["issuer", ..]) return await Instances.IssuerProcess.RunAsync(args[1..]);
        try
        {
            int index = int.Parse(args[0], CultureInfo.InvariantCulture);
            var kids = args[1].Split(',');
            await using var host = args[2] switch
            {
                "redis" => await StoreHosts.RedisAsync(args[3], args[4], throughFactory: index % 2 == 1),
                "postgres" => StoreHosts.Postgres(args[3]),
                "sqlite" => StoreHosts.Sqlite(args[3]),
                _ => throw new ArgumentException($"Unknown store \"{args[2]}\"."),
            };
            var store = host.GetRequiredService<IJwtKeyStore>();
            await store.LoadKeysAsync(CancellationToken.None);
            Console.Out.WriteLine("ready");
            Console.Out.Flush();
            if (await Console.In.ReadLineAsync() != "go") return 2;

            var created = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
            var added = await Task.WhenAll(kids.Select(kid => Task.Run(() =>
                store.TryAddKeyAsync(new JwtStoredKey(kid, "signing", "ES256", created, ChildProcesses.ProtectedKeyOf(index, kid)), CancellationToken.None))));
            for (int i = 0; i < kids.Length; i++)
            {
                if (added[i]) Console.Out.WriteLine($"added {kids[i]}");
            }
            return 0;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync(e.ToString());
            return 1;
        }
    }
}
