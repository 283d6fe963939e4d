using System.Text.Json;

namespace TokenIssuer.Cli.Tests;

/// <summary>
/// <c>tokenissuer token create</c> on an app folder: the app's configuration with the host's precedence, the
/// profile's declared parameter types, --role/--scope/--valid-for, and errors that name the option.
/// </summary>
public class TokenCreateCommandTests
{
    private const string Secret = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY"; // 32 bytes, base64url

    // Every test gives a profile all of its declared parameters, and undeclared claims only to a profile that declares none:
    // IJwtIssuer.Issue checks per-call claims against the declared ones.
    private static readonly string Settings = $$"""
        {
          "JwtIssuer": {
            "Keys": { "Main": { "SecretBase64": "{{Secret}}" } },
            "Profiles": {
              "Access": {
                "SigningKey": "Main", "Algorithm": "HS256", "ExpiresIn": "15m", "Audience": [ "api" ],
                "Parameters": { "sub": "string", "tenant_id": "Guid", "level": "int", "tags": "string[]", "since": "DateTimeOffset" }
              },
              "Plain": { "SigningKey": "Main", "Parameters": { "role": "string" } },
              "Open": { "SigningKey": "Main", "ExpiresIn": "15m", "Issuer": "from-appsettings", "Claims": { "client_id": "web" } }
            }
          }
        }
        """;

    private static Jwt Token(CliResult result)
    {
        result.AssertExit(0);
        var jwt = Jwt.Parse(result.Stdout);
        Assert.True(jwt.HasHs256Signature(Convert.FromBase64String(Secret + "=")), "not signed with the app's key");
        return jwt;
    }

    [Fact]
    public void ClaimsAreTypedAsTheProfileDeclaresThem()
    {
        using var app = new AppFolder(Settings);
        var jwt = Token(app.Run(app.Environment(), "token", "create", "--profile", "Access",
            "--claim", "sub=u-1", "--claim", "tenant_id=7f1d5a52-43e3-4c6b-9f0e-2d6b3b8f2a10", "--claim", "level=3",
            "--claim", "tags=a", "--claim", "tags=b", "--claim", "since=2030-01-01T00:00:00Z"));

        Assert.Equal(JsonValueKind.Number, jwt.Payload.GetProperty("level").ValueKind);
        Assert.Equal(3, jwt.Payload.GetProperty("level").GetInt32());
        Assert.Equal("7f1d5a52-43e3-4c6b-9f0e-2d6b3b8f2a10", jwt.Payload.GetProperty("tenant_id").GetString());
        Assert.Equal(["a", "b"], jwt.Payload.GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1893456000, jwt.Payload.GetProperty("since").GetInt64());
        Assert.Equal(900, jwt.Payload.GetProperty("exp").GetInt64() - jwt.Payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public void RolesBecomeAnArrayAndScopesOneSpaceSeparatedString()
    {
        using var app = new AppFolder(Settings);
        var jwt = Token(app.Run(app.Environment(), "token", "create", "--profile", "Open",
            "--role", "admin", "--role", "ops", "--scope", "orders.read", "--scope", "orders.write", "--claim", "extra:={\"x\":1}"));

        Assert.Equal(["admin", "ops"], jwt.Payload.GetProperty("role").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("orders.read orders.write", jwt.Payload.GetProperty("scope").GetString());
        Assert.Equal(1, jwt.Payload.GetProperty("extra").GetProperty("x").GetInt32());
        Assert.Equal("web", jwt.Payload.GetProperty("client_id").GetString());
    }

    [Fact]
    public void OneRoleOfAStringParameterIsAString()
    {
        using var app = new AppFolder(Settings);
        var jwt = Token(app.Run(app.Environment(), "token", "create", "--profile", "Plain", "--role", "admin"));

        Assert.Equal("admin", jwt.Payload.GetProperty("role").GetString());
    }

    [Fact]
    public void ValidForReplacesTheProfilesLifetime()
    {
        using var app = new AppFolder(Settings);
        var jwt = Token(app.Run(app.Environment(), "token", "create", "--profile", "open", "--valid-for", "2h"));

        Assert.Equal(7200, jwt.Payload.GetProperty("exp").GetInt64() - jwt.Payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public void ConfigurationFollowsTheHostsPrecedence()
    {
        using var app = new AppFolder(Settings, userSecretsId: "tokenissuer-cli-tests-precedence");
        app.WriteFile("appsettings.Development.json", """{ "JwtIssuer": { "Profiles": { "Open": { "Issuer": "from-development-json" } } } }""");
        app.WriteFile("appsettings.Staging.json", """{ "JwtIssuer": { "Profiles": { "Open": { "Issuer": "from-staging-json" } } } }""");
        string[] create = ["token", "create", "--profile", "Open"];
        string Issuer(Dictionary<string, string> environment, params string[] more) => Token(app.Run(environment, [.. create, .. more])).Payload.GetProperty("iss").GetString()!;

        Assert.Equal("from-development-json", Issuer(app.Environment()));
        app.WriteUserSecrets("tokenissuer-cli-tests-precedence", """{ "JwtIssuer:Profiles:Open:Issuer": "from-user-secrets" }""");
        Assert.Equal("from-user-secrets", Issuer(app.Environment()));
        Assert.Equal("from-environment", Issuer(app.Environment(("JwtIssuer__Profiles__Open__Issuer", "from-environment"))));
        // Outside Development there are no user-secrets (as the host reads them), and the environment's own file applies.
        Assert.Equal("from-staging-json", Issuer(app.Environment(), "--environment", "Staging"));
        Assert.Equal("from-staging-json", Issuer(app.Environment(("ASPNETCORE_ENVIRONMENT", "Staging"))));
        // DOTNET_ENVIRONMENT wins over ASPNETCORE_ENVIRONMENT, as in WebApplicationBuilder; --environment over both.
        Assert.Equal("from-staging-json", Issuer(app.Environment(("ASPNETCORE_ENVIRONMENT", "Development"), ("DOTNET_ENVIRONMENT", "Staging"))));
        Assert.Equal("from-user-secrets", Issuer(app.Environment(("DOTNET_ENVIRONMENT", "Staging")), "--environment", "Development"));
        // A prefixed variable is host configuration: below appsettings.
        Assert.Equal("from-user-secrets", Issuer(app.Environment(("ASPNETCORE_JwtIssuer__Profiles__Open__Issuer", "prefixed"))));
    }

    [Fact]
    public void DevelopmentKeysAreKeptWhereTheAppKeepsThemUnderItsAssemblyName()
    {
        using var app = new AppFolder("""{ "JwtIssuer": { "Profiles": { "Dev": { "Algorithm": "ES256" } } } }""", assemblyName: "Shop.Api", projectName: "Shop");
        var result = app.Run(app.Environment(), "token", "create", "--profile", "Dev").AssertExit(0);

        // The runtime's folder name for "Shop.Api": unsafe characters replaced, and a short hash of the exact name.
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(app.Home, ".local", "share", "TokenIssuer", "development-keys")));
        Assert.StartsWith("Shop_Api-", Path.GetFileName(folder), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "Dev.ES256.key")));
        Assert.Contains("created a development key for profile Dev", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("ES256", Jwt.Parse(result.Stdout).Header.GetProperty("alg").GetString());
    }

    [Fact]
    public void TheAssemblyNameAndUserSecretsIdAreThoseMsBuildEvaluatesFromDirectoryBuildProps()
    {
        using var app = new AppFolder("""{ "JwtIssuer": { "Profiles": { "Dev": { "Algorithm": "ES256", "Issuer": "from-appsettings" } } } }""", projectName: "Api");
        // A solution's usual layout: both set once for every project, one of them built from another property.
        app.WriteFile("../Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <AssemblyName>Contoso.$(MSBuildProjectName)</AssemblyName>
                <UserSecretsId>contoso-shared-secrets</UserSecretsId>
              </PropertyGroup>
            </Project>
            """);
        app.WriteUserSecrets("contoso-shared-secrets", """{ "JwtIssuer:Profiles:Dev:Issuer": "from-user-secrets" }""");

        var result = app.Run(app.Environment(), "token", "create", "--profile", "Dev").AssertExit(0);

        Assert.Equal("from-user-secrets", Jwt.Parse(result.Stdout).Payload.GetProperty("iss").GetString());
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(app.Home, ".local", "share", "TokenIssuer", "development-keys")));
        Assert.StartsWith("Contoso_Api-", Path.GetFileName(folder), StringComparison.Ordinal);
    }

    [Fact]
    public void ARelativeDevelopmentKeysDirectoryIsTheAppsFolderUnderItsContentRoot()
    {
        using var app = new AppFolder("""{ "JwtIssuer": { "DevelopmentKeysDirectory": "keys/dev", "Profiles": { "Dev": { "Algorithm": "ES256" } } } }""");
        app.Run(app.Environment(), "token", "create", "--profile", "Dev").AssertExit(0);

        // Where the app, started from its folder or from anywhere else, keeps it: not the tool's current directory.
        Assert.True(File.Exists(Path.Combine(app.Project, "keys", "dev", "Dev.ES256.key")), "no key under the app's keys/dev");
    }

    [Fact]
    public void AProjectFileMsBuildCannotEvaluateIsNamedWithMsBuildsError()
    {
        using var app = new AppFolder(Settings, projectName: "Broken");
        app.WriteFile("Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>");

        var result = app.Run(app.Environment(), "token", "create", "--profile", "Plain", "--claim", "role=admin").AssertExit(1);

        Assert.Contains($"MSBuild could not evaluate the project file \"{Path.Combine(app.Project, "Broken.csproj")}\"", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void AnUnknownProfileGetsDidYouMean()
    {
        using var app = new AppFolder(Settings);
        var result = app.Run(app.Environment(), "token", "create", "--profile", "Acess").AssertExit(2);

        Assert.Contains("--profile \"Acess\": the app has no such profile. Its profiles: Access, Open, Plain. Did you mean '--profile Access'?", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void AFolderWithoutAppsettingsIsRefused()
    {
        using var folder = new TempFolder();
        var result = Cli.Run("token", "create", "--project", folder.Path, "--profile", "Access").AssertExit(1);

        Assert.Contains($"--project {folder.Path}: the folder has no appsettings.json", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AClaimTheProfileSetsIsRefusedNamingTheOption()
    {
        using var app = new AppFolder(Settings);
        var result = app.Run(app.Environment(), "token", "create", "--profile", "Open", "--claim", "client_id=other").AssertExit(1);

        Assert.Contains("error: --claim client_id: The claim \"client_id\" is set by profile \"Open\"", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void AValueThatIsNotTheDeclaredTypeIsRefusedNamingTheOptionAndTheParameter()
    {
        using var app = new AppFolder(Settings);
        var result = app.Run(app.Environment(), "token", "create", "--profile", "Access", "--claim", "tenant_id=seven").AssertExit(2);

        Assert.Contains("--claim tenant_id: \"seven\" is not a Guid", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("(JwtIssuer:Profiles:Access:Parameters:tenant_id)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralRolesForAStringParameterAreRefused()
    {
        using var app = new AppFolder(Settings);
        var result = app.Run(app.Environment(), "token", "create", "--profile", "Plain", "--role", "a", "--role", "b").AssertExit(2);

        Assert.Contains("--role is given 2 times, but profile Plain declares role as string (one value)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AMistypedCommandGetsDidYouMean()
    {
        var result = Cli.Run("token", "craete").AssertExit(2);

        Assert.Contains("Did you mean 'tokenissuer token create'?", result.Stderr, StringComparison.Ordinal);
    }
}
