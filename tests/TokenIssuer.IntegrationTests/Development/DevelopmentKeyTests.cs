using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TokenIssuer.IntegrationTests.Development;

/// <summary>
/// In Development a profile without SigningKey gets a generated key, persisted under
/// DevelopmentKeysDirectory (a temp folder here) and reused by the next start; elsewhere it is an error.
/// </summary>
public sealed class DevelopmentKeyTests
{
    private static Dictionary<string, string?> Configuration(string keysDirectory) => new()
    {
        ["JwtIssuer:DevelopmentKeysDirectory"] = keysDirectory,
        ["JwtIssuer:Profiles:Access:Algorithm"] = "ES256",
        ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
    };

    private static async Task<TestHost> StartAsync(string keysDirectory, string environment = "Development")
    {
        var builder = TestHosts.Builder(Configuration(keysDirectory), environment);
        builder.Services.AddJwtIssuer();
        return await TestHosts.StartAsync(builder);
    }

    [Fact]
    public async Task DevelopmentGeneratesAndPersistsAKeyThatTheNextHostReuses()
    {
        using var keys = new TempDirectory();
        string firstToken;
        string keyFile;
        await using (var first = await StartAsync(keys.Path))
        {
            var created = Assert.Single(first.Logs.TokenIssuerEvents(4));
            Assert.Equal(LogLevel.Warning, created.Level);
            Assert.Contains("development key for profile Access (ES256)", created.Message, StringComparison.Ordinal);

            keyFile = Assert.Single(Directory.GetFiles(keys.Path));
            Assert.Contains(keyFile, created.Message, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            }

            firstToken = first.Issuer.Issue("Access");
            Assert.Contains(first.Logs.TokenIssuerEvents(5), r => r.Level == LogLevel.Warning && r.Message.Contains("profile Access signs with a development key", StringComparison.Ordinal));
        }

        using var persisted = ECDsa.Create();
        persisted.ImportFromPem(File.ReadAllText(keyFile));
        var firstJwt = new Jwt(firstToken);
        Assert.Equal("ES256", firstJwt.Alg);
        Assert.Equal(TestKeys.Thumbprint(persisted), firstJwt.Kid);
        Assert.True(firstJwt.VerifiesWith(persisted));

        await using var second = await StartAsync(keys.Path);
        Assert.Empty(second.Logs.TokenIssuerEvents(4)); // nothing created this time
        Assert.Single(Directory.GetFiles(keys.Path));
        var secondJwt = new Jwt(second.Issuer.Issue("Access"));
        Assert.Equal(firstJwt.Kid, secondJwt.Kid);
        Assert.True(secondJwt.VerifiesWith(persisted));
        await JsonWebTokenValidation.AssertValidAsync(secondJwt.Token, new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(persisted), TestClock.Start);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task OutsideDevelopmentTheSameConfigurationFailsStartUp(string environment)
    {
        using var keys = new TempDirectory();
        var builder = TestHosts.Builder(Configuration(keys.Path), environment);
        builder.Services.AddJwtIssuer();

        var error = await TestHosts.StartFailsAsync(builder);

        Assert.Contains(
            $"JwtIssuer:Profiles:Access:SigningKey: the profile has no signing key. Add a key under JwtIssuer:Keys and name it here (development keys are only generated in the Development environment; this is {environment}).",
            error.Failures);
        Assert.Empty(Directory.GetFileSystemEntries(keys.Path));
    }

    [Fact]
    public async Task ARelativeDevelopmentKeysDirectoryStartsFromTheContentRootNotTheCurrentDirectory()
    {
        using var root = new TempDirectory();
        var builder = TestHosts.Builder(Configuration(Path.Combine("keys", "dev")), "Development", contentRoot: root.Path);
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);
        host.Issuer.Issue("Access");

        Assert.Single(Directory.GetFiles(root.Combine("keys", "dev")));
        Assert.False(Directory.Exists(Path.Combine(Environment.CurrentDirectory, "keys", "dev")), "the key went to the current directory");
    }

    [Fact]
    public async Task InDevelopmentConfiguredKeysAreStillUsed()
    {
        using var keys = new TempDirectory();
        var configuration = Configuration(keys.Path);
        configuration["JwtIssuer:Keys:Real:Pem"] = KeyFiles.Pem(KeyFiles.EcP256);
        configuration["JwtIssuer:Profiles:Access:SigningKey"] = "Real";
        var builder = TestHosts.Builder(configuration, "Development");
        builder.Services.AddJwtIssuer();
        await using var host = await TestHosts.StartAsync(builder);

        Assert.Equal(KeyFiles.Thumbprint(KeyFiles.EcP256), new Jwt(host.Issuer.Issue("Access")).Kid);
        Assert.Empty(Directory.GetFileSystemEntries(keys.Path));
        Assert.Empty(host.Logs.TokenIssuerEvents(4));
        Assert.Empty(host.Logs.TokenIssuerEvents(5));
    }
}
