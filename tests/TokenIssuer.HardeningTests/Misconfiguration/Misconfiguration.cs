using System.Collections.ObjectModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TokenIssuer.HardeningTests.Misconfiguration;

/// <summary>One catalogued mistake: how to make it, and the message (fragments) it must produce.</summary>
/// <param name="Id">The anchor of its entry in docs/troubleshooting.md.</param>
internal sealed record Mistake(string Id, string Area, string Title, Func<Task<Produced>> Produce, params string[] Fragments)
{
    public override string ToString() => Id;
}

/// <summary>What a mistake produced: the message a developer sees, and the CLI's exit code.</summary>
internal sealed record Produced(string Message, int? ExitCode = null);

/// <summary>Ways to make a mistake happen: in configuration (host start-up), in the engine, at issue time, on the command line.</summary>
internal static class Make
{
    public const string Secret = "a-secret-of-at-least-32-bytes-length!!";
    public const string P = "JwtIssuer:Profiles:Api:";
    public const string K = "JwtIssuer:Keys:Main:";

    /// <summary>A working configuration: profile Api signs HS256 with key Main, 15 minutes.</summary>
    public static Dictionary<string, string?> Base() => new(StringComparer.OrdinalIgnoreCase)
    {
        [K + "Secret"] = Secret,
        [P + "SigningKey"] = "Main",
        [P + "Algorithm"] = "HS256",
        [P + "ExpiresIn"] = "15m",
    };

    /// <summary>The key Main as a PEM instead of a secret.</summary>
    public static void MainPem(Dictionary<string, string?> c, string pem, string? algorithm = null)
    {
        c.Remove(K + "Secret");
        c[K + "Pem"] = pem;
        if (algorithm is null) c.Remove(P + "Algorithm");
        else c[P + "Algorithm"] = algorithm;
    }

    /// <summary>Host start-up with the changed configuration must fail; the message is every failure, one per line.</summary>
    public static Func<Task<Produced>> Config(Action<Dictionary<string, string?>> change, string environment = "Production")
        => async () =>
        {
            var configuration = Base();
            change(configuration);
            var e = await TestHosts.StartFailsAsync(configuration, environment);
            return new Produced(string.Join("\n", e.Failures));
        };

    /// <summary>The engine (JwtSigner, JwtSignOptions, SigningKey) must throw a JwtSigningException.</summary>
    public static Func<Task<Produced>> Engine(Action act)
        => () => Task.FromResult(new Produced(Assert.Throws<JwtSigningException>(act).Message));

    /// <summary>Options registered with AddJwtIssuer must fail validation when resolved.</summary>
    public static Func<Task<Produced>> Services(Action<IServiceCollection> register)
        => () =>
        {
            var services = new ServiceCollection();
            register(services);
            using var provider = services.BuildServiceProvider();
            var e = Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JwtIssuerOptions>>().Value);
            return Task.FromResult(new Produced(string.Join("\n", e.Failures)));
        };

    /// <summary>A started host whose issuer must refuse the call.</summary>
    public static Func<Task<Produced>> Issue(Action<Dictionary<string, string?>> change, Action<IJwtIssuer> call)
        => async () =>
        {
            var configuration = Base();
            change(configuration);
            await using var host = await TestHosts.StartAsync(configuration);
            return new Produced(Assert.Throws<JwtSigningException>(() => call(host.Issuer)).Message);
        };

    /// <summary>The command line; files are written to a temporary folder and their paths put in place of {name}.</summary>
    public static Func<Task<Produced>> Cli(int exitCode, string[] arguments, IReadOnlyDictionary<string, string>? files = null, IDictionary<string, string>? environment = null)
        => () =>
        {
            using var folder = new TempDirectory();
            var paths = new Dictionary<string, string>();
            foreach (var (name, content) in files ?? ReadOnlyDictionary<string, string>.Empty)
            {
                paths[name] = folder.Combine(name);
                File.WriteAllText(paths[name], content);
            }
            string[] resolved = arguments.Select(a => paths.Aggregate(a, (text, p) => text.Replace("{" + p.Key + "}", p.Value, StringComparison.Ordinal))).ToArray();
            var result = HardeningTests.Cli.Run(resolved, stdin: null, environment: environment);
            Assert.False(result.HasStackTrace, result.Stderr);
            Assert.True(exitCode == result.ExitCode, $"exit code {result.ExitCode}, expected {exitCode}: {result.Stderr}");
            Assert.Equal("", result.StdoutText);
            return Task.FromResult(new Produced(result.Stderr, result.ExitCode));
        };
}
