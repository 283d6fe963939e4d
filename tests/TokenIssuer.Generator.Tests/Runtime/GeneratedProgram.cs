using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace TokenIssuer.Generator.Tests;

/// <summary>
/// A small program compiled with the generator's output into an in-memory assembly, loaded into a
/// collectible load context that shares TokenIssuer and Microsoft.Extensions.* with the tests.
/// Its module initializer (the attribute profiles' defaults) has run once it is loaded, as in an app.
/// </summary>
public sealed class GeneratedProgram : IDisposable
{
    public const string AppSettings = """
        {
          "JwtIssuer": {
            "Keys": {
              "es": { "PemFile": "keys/es256.pem" },
              "refresh": { "Secret": "refresh-Zq8Lw3vT-test-only-secret-0123456789" }
            },
            "Profiles": {
              "Access": {
                "Algorithm": "ES256",
                "SigningKey": "es",
                "ExpiresIn": "15m",
                "Issuer": "https://id.example.com",
                "Audience": [ "orders-api" ],
                "Header": { "typ": "at+jwt" },
                "Claims": { "scope": "orders.read" },
                "Parameters": { "sub": "string", "role": "string", "tenant_id": "Guid" }
              },
              "Types": {
                "Algorithm": "HS256",
                "SigningKey": "refresh",
                "Parameters": {
                  "name": "string",
                  "admin": "bool",
                  "level": "int",
                  "quota": "long",
                  "ratio": "double",
                  "price": "decimal",
                  "tenant_id": "Guid",
                  "born_at": "DateTimeOffset",
                  "roles": "string[]",
                  "groups": "IEnumerable<string>",
                  "verified": "bool?",
                  "age": "int?",
                  "org_id": "Guid?",
                  "last_login": "DateTimeOffset?"
                }
              },
              "Refresh": { "SigningKey": "refresh" }
            }
          }
        }
        """;

    public const string Source = """
        using TokenIssuer;

        namespace App;

        [JwtProfile("Refresh", Algorithm = JwtAlgorithm.HS256, ExpiresIn = "30d")]
        public record RefreshClaims(string Sub, [property: JwtClaim("sid")] string SessionId);

        [JwtProfile("Invite", SigningKey = "refresh", ExpiresIn = "7d", GenerateJwtId = true)]
        public record InviteClaims(string Email, [property: JwtClaim("org_id")] System.Guid OrgId);

        [JwtProfile("Api", SigningKey = "refresh", Rfc9068 = true, GenerateJwtId = true, ExpiresIn = "10m",
            Issuer = "https://id.example.com", Audience = "orders-api", AllowUndeclaredClaims = true)]
        public record ApiClaims(string Sub, [property: JwtClaim("client_id")] string ClientId);
        """;

    private readonly LoadContext _context;

    public GeneratedProgram()
    {
        var compilation = GeneratorHarness.CreateCompilation((GeneratorHarness.SourcePath, Source));
        var driver = GeneratorHarness.CreateDriver(new AdditionalText[] { new InMemoryAdditionalText(GeneratorHarness.AppSettingsPath, AppSettings) });
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        GeneratedSource = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        using var image = new MemoryStream();
        var emit = output.Emit(image);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        Assert.DoesNotContain(emit.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);

        image.Position = 0;
        _context = new LoadContext();
        Assembly = _context.LoadFromStream(image);
        // What the runtime does when an app's module is first touched: [ModuleInitializer] registers the defaults.
        RuntimeHelpers.RunModuleConstructor(Assembly.ManifestModule.ModuleHandle);
        Extensions = Assembly.GetType("TokenIssuer.JwtIssuerProfileExtensions", throwOnError: true)!;
    }

    public Assembly Assembly { get; }

    public Type Extensions { get; }

    public string GeneratedSource { get; }

    /// <summary>Calls the generated <c>Issue{Profile}</c> method.</summary>
    public string Issue(string profile, params object?[] arguments)
    {
        var method = Extensions.GetMethod("Issue" + profile, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"no generated method Issue{profile}");
        try
        {
            return (string)method.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Calls the generated <c>Issue{Profile}Token</c> method: the token with its facts.</summary>
    public JwtIssuedToken IssueToken(string profile, params object?[] arguments)
    {
        var method = Extensions.GetMethod("Issue" + profile + "Token", BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"no generated method Issue{profile}Token");
        try
        {
            return (JwtIssuedToken)method.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>An instance of a type of the compiled program, e.g. the claims record.</summary>
    public object Create(string typeName, params object?[] arguments)
        => Activator.CreateInstance(Assembly.GetType(typeName, throwOnError: true)!, arguments)!;

    public void Dispose() => _context.Unload();

    private sealed class LoadContext() : AssemblyLoadContext("TokenIssuer.Generator.Tests.Program" + Guid.NewGuid().ToString("N"), isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name)
        {
            // One TokenIssuer (and one options/DI stack) for the program and the tests.
            if (name.Name == "TokenIssuer" || name.Name?.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) == true)
            {
                return Default.LoadFromAssemblyName(name);
            }
            return null;
        }
    }
}
