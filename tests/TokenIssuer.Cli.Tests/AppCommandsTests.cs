using System.Text.Json;

namespace TokenIssuer.Cli.Tests;

/// <summary><c>tokenissuer jwks</c> and <c>tokenissuer profiles list</c> on an app folder.</summary>
public class AppCommandsTests
{
    [Fact]
    public void JwksIsTheAppsKeySetWithTheKidsTheTokensCarry()
    {
        using var app = new AppFolder("""
            {
              "JwtIssuer": {
                "Keys": { "Main": { "PemFile": "keys/es256.pem" }, "Hmac": { "SecretBase64": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY" } },
                "Profiles": { "Access": { "SigningKey": "Main", "ExpiresIn": "5m" }, "Refresh": { "SigningKey": "Hmac" } }
              }
            }
            """);
        string pem = Path.Combine(app.Project, "keys", "es256.pem");
        Cli.Run("keys", "new", "--alg", "ES256", "--out", pem).AssertExit(0);

        using var jwks = JsonDocument.Parse(app.Run(app.Environment(), "jwks").AssertExit(0).Stdout);
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        using var jwk = JsonDocument.Parse(Cli.Run("keys", "public", "--key-file", pem, "--jwk").AssertExit(0).Stdout);
        string token = app.Run(app.Environment(), "token", "create", "--profile", "Access").AssertExit(0).Stdout;

        Assert.Equal(jwk.RootElement.GetProperty("kid").GetString(), key.GetProperty("kid").GetString());
        Assert.Equal(jwk.RootElement.GetProperty("x").GetString(), key.GetProperty("x").GetString());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.Equal(key.GetProperty("kid").GetString(), Jwt.Parse(token).Header.GetProperty("kid").GetString());
    }

    [Fact]
    public void ProfilesListShowsEachProfileAndItsKeyStateAndCreatesNoKey()
    {
        using var app = new AppFolder("""
            {
              "JwtIssuer": {
                "Keys": { "Main": { "PemFile": "keys/missing.pem" }, "Rotating": { "Managed": { "Algorithm": "ES256" } } },
                "Profiles": {
                  "Access": { "Algorithm": "ES256", "ExpiresIn": "15m", "Issuer": "https://id.example", "Audience": [ "api", "admin" ] },
                  "Files": { "SigningKey": "Main" },
                  "Service": { "SigningKey": "Rotating", "ExpiresIn": "5m" }
                }
              }
            }
            """);
        var result = app.Run(app.Environment(), "profiles", "list");
        string store = Path.Combine(app.Home, ".local", "share", "TokenIssuer", "development-keys");

        Assert.Contains("Access\n  algorithm  ES256\n  lifetime   15m\n  audience   api, admin\n  issuer     https://id.example\n  key        development key, not yet created", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  key        Main: file keys/missing.pem (missing)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  key        Rotating: managed", result.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(store) && Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories).Any(), "profiles list created a development key");
        // The missing key file stops the app: the list says so the way the app does, and fails.
        result.AssertExit(1);
        Assert.Contains("  JwtIssuer:Keys:Main:PemFile: the file \"keys/missing.pem\" does not exist.", result.Stderr, StringComparison.Ordinal);

        Cli.Run("keys", "new", "--alg", "ES256", "--out", Path.Combine(app.Project, "keys", "missing.pem")).AssertExit(0);
        app.Run(app.Environment(), "token", "create", "--profile", "Access").AssertExit(0);
        var after = app.Run(app.Environment(), "profiles", "list").AssertExit(0);
        Assert.Contains("  key        development key, present", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("  key        Main: file keys/missing.pem (present)", after.Stdout, StringComparison.Ordinal);
    }
}
