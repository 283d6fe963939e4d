using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TokenIssuer.Cli.Tests;

/// <summary>
/// <c>tokenissuer token create</c> against the sample app as a running process: the token it prints is
/// accepted by the app's <c>/me</c>, whichever of the two created the development key.
/// </summary>
public class SampleAppTokenTests
{
    private static readonly string[] Command =
    [
        "token", "create", "--project", "samples/TokenIssuer.Sample.WebApi", "--profile", "Access",
        "--claim", "sub=u-42", "--claim", "name=Alice", "--claim", "tenant_id=7f1d5a52-43e3-4c6b-9f0e-2d6b3b8f2a10", "--role", "admin",
    ];

    [Fact]
    public async Task TheRunningSampleAcceptsATokenSignedWithTheDevelopmentKeyItCreated()
    {
        using var keys = new TempFolder();
        var environment = Development(keys.Path);
        using var app = SampleApp.Start(environment);
        Assert.True(File.Exists(Path.Combine(keys.Path, "Access.ES256.key")), "the sample did not create its development key at start");

        string token = CreateToken(environment);

        await AssertMeAccepts(app, token);
    }

    [Fact]
    public async Task TheSampleStartedAfterwardsAcceptsATokenSignedWithTheDevelopmentKeyTheToolCreated()
    {
        using var keys = new TempFolder();
        var environment = Development(keys.Path);
        string token = CreateToken(environment);
        string created = File.ReadAllText(Path.Combine(keys.Path, "Access.ES256.key"));

        using var app = SampleApp.Start(environment);

        await AssertMeAccepts(app, token);
        Assert.Equal(created, File.ReadAllText(Path.Combine(keys.Path, "Access.ES256.key")));
    }

    [Fact]
    public async Task TheSampleRejectsATokenSignedWithAnotherDevelopmentKey()
    {
        using var toolKeys = new TempFolder();
        using var appKeys = new TempFolder();
        string token = CreateToken(Development(toolKeys.Path));
        using var app = SampleApp.Start(Development(appKeys.Path));

        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void AnAttributeProfileGetsTheDefaultsItsCodeDeclares()
    {
        using var keys = new TempFolder();
        var environment = Development(keys.Path);

        // Refresh is [JwtProfile("Refresh", Algorithm = JwtAlgorithm.HS256, ExpiresIn = "30 days")] in Sample.cs, with no ExpiresIn in appsettings.json.
        var list = Cli.Run(["profiles", "list", "--project", SampleApp.Folder], environment: environment).AssertExit(0);
        var token = Jwt.Parse(Cli.Run(["token", "create", "--project", SampleApp.Folder, "--profile", "Refresh", "--claim", "sub=u-42", "--claim", "sid=s-1"],
            environment: environment).AssertExit(0).Stdout);

        Assert.Contains("Refresh\n  algorithm  HS256\n  lifetime   30 days\n", list.Stdout, StringComparison.Ordinal);
        Assert.Equal(30 * 24 * 3600, token.Payload.GetProperty("exp").GetInt64() - token.Payload.GetProperty("iat").GetInt64());
        Assert.Equal("s-1", token.Payload.GetProperty("sid").GetString());
    }

    [Fact]
    public void AnAttributeProfilesPropertiesAreTheClaimsATokenMustCarry()
    {
        using var keys = new TempFolder();

        // RefreshClaims(string Sub, [property: JwtClaim("sid")] string SessionId): a refresh token without sid is refused, as IssueRefresh could not make one.
        var result = Cli.Run(["token", "create", "--project", SampleApp.Folder, "--profile", "Refresh", "--claim", "sub=u-42"], environment: Development(keys.Path));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("\"sid\" is missing (declared string)", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    private static Dictionary<string, string> Development(string keysFolder) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["JwtIssuer__DevelopmentKeysDirectory"] = keysFolder,
    };

    private static string CreateToken(Dictionary<string, string> environment)
    {
        var result = Cli.Run(Command, environment: environment, workingDirectory: Repository.Root()).AssertExit(0);
        string token = result.Stdout.Trim();
        Assert.Equal(result.Stdout, token + Environment.NewLine);
        Assert.Equal(2, token.Count(c => c == '.'));
        return token;
    }

    private static async Task AssertMeAccepts(SampleApp app, string token)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/me answered {(int)response.StatusCode}: {body}\n{app.Output}");
        using var me = JsonDocument.Parse(body);
        Assert.Equal("u-42", me.RootElement.GetProperty("sub").GetString());
        Assert.Equal("Alice", me.RootElement.GetProperty("name").GetString());
        Assert.Equal("admin", me.RootElement.GetProperty("role").GetString());
        Assert.Equal("7f1d5a52-43e3-4c6b-9f0e-2d6b3b8f2a10", me.RootElement.GetProperty("tenantId").GetString());
    }
}
