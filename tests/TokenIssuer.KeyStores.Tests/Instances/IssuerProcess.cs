using Microsoft.AspNetCore.DataProtection;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>
/// An issuing app instance as an OS process of its own: <c>dotnet TokenIssuer.KeyStores.Tests.dll issuer KEYRING ROTATION_S
/// PROPAGATION_S redis CONFIG HASH | postgres CONNECTION</c>. It builds a generic host with <c>AddJwtIssuer()</c>, the
/// shared Data Protection key ring and the store, prints <c>ready</c>, waits for <c>go</c>, starts, and prints
/// <c>started</c>, then answers each <c>report</c> line with <c>signs KID</c>, the kid of a token it issues then.
/// </summary>
internal static class IssuerProcess
{
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            string keyRing = args[0];
            var rotation = TimeSpan.FromSeconds(double.Parse(args[1], CultureInfo.InvariantCulture));
            var propagation = TimeSpan.FromSeconds(double.Parse(args[2], CultureInfo.InvariantCulture));

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production", ApplicationName = SharedKeyRing.ApplicationName });
            builder.Configuration.AddInMemoryCollection(IssuingInstance.Settings(rotation, propagation, retention: propagation, expiresIn: TimeSpan.FromSeconds(1)));
            builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keyRing)).SetApplicationName(SharedKeyRing.ApplicationName);
            var issuer = builder.Services.AddJwtIssuer();
            IDisposable? connection = null;
            switch (args[3])
            {
                case "redis":
                    var redis = await ConnectionMultiplexer.ConnectAsync(args[4]);
                    connection = redis;
                    issuer.PersistKeysToStackExchangeRedis(redis, args[5]);
                    break;
                case "postgres":
                    builder.Services.AddDbContext<KeysDbContext>(o => o.UseNpgsql(args[4]));
                    issuer.PersistKeysToDbContext<KeysDbContext>();
                    break;
                default:
                    throw new ArgumentException($"Unknown store \"{args[3]}\".");
            }
            builder.Services.AddSingleton(new ManagedKeyManagerOptions { SynchronizationDelay = TimeSpan.FromSeconds(2) });

            using var host = builder.Build();
            Console.Out.WriteLine("ready");
            Console.Out.Flush();
            if (await Console.In.ReadLineAsync() != "go") return 2;
            await host.StartAsync();

            var jwt = host.Services.GetRequiredService<IJwtIssuer>();
            Console.Out.WriteLine("started");
            Console.Out.Flush();
            // "report": the kid of a token issued now; anything else (or the end of input): stop.
            while (await Console.In.ReadLineAsync() == "report")
            {
                Console.Out.WriteLine($"signs {new Jwt(jwt.Issue("Access", new Dictionary<string, object?> { ["sub"] = "process" })).Kid}");
                Console.Out.Flush();
            }

            await host.StopAsync();
            connection?.Dispose();
            return 0;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync(e.ToString());
            return 1;
        }
    }
}
