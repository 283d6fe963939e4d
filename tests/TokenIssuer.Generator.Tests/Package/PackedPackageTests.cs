using System.Text;
using Microsoft.IdentityModel.Tokens;
using Xunit.Abstractions;

namespace TokenIssuer.Generator.Tests;

/// <summary>
/// Consumes the packed TokenIssuer .nupkg as a user would: a fresh console app with a PackageReference, an
/// appsettings.json profile and a [JwtProfile] record, built by the SDK's compiler with the packaged
/// generator, run, and its tokens validated. Takes a minute or more (pack, restore, build, run).
/// </summary>
public sealed class PackedPackageTests : IDisposable
{
    private const string Secret = "packed-package-Zq8Lw3vT-test-secret-0123456789";

    private readonly ITestOutputHelper _output;
    private readonly TempFolder _folder = new("tokenissuer-package-");

    public PackedPackageTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    [Trait("Category", "Package")]
    public async Task PackedPackageGeneratesIssueMethodsInAConsumerApp()
    {
        string feed = Path.Combine(_folder.Path, "feed");
        string app = Path.Combine(_folder.Path, "app");
        string packages = Path.Combine(_folder.Path, "packages");
        Directory.CreateDirectory(app);
        string version = await LocalFeed.PackTokenIssuerAsync(_output, feed);

        WriteApp(app, feed, packages, version);

        var run = await Dotnet.RunAsync(_output, app, packages, "run", "--project", Path.Combine(app, "App.csproj"), "--no-launch-profile");
        Assert.True(run.ExitCode == 0, "dotnet run failed:\n" + run.Output);

        string access = AppOutput.Line(run.Output, "ACCESS=");
        string refresh = AppOutput.Line(run.Output, "REFRESH=");
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret));

        var accessToken = await AppOutput.ValidateAsync(access, key, "https://id.example.com", "orders-api", run.Output);
        Assert.Equal("u-42", accessToken.GetPayloadValue<string>("sub"));
        Assert.Equal("admin", accessToken.GetPayloadValue<string>("role"));
        Assert.Equal("3f2504e0-4f89-11d3-9a0c-0305e82c3301", accessToken.GetPayloadValue<string>("tenant_id"));
        Assert.Equal(15 * 60, accessToken.GetPayloadValue<long>("exp") - accessToken.GetPayloadValue<long>("iat"));

        var refreshToken = await AppOutput.ValidateAsync(refresh, key, null, null, run.Output);
        Assert.Equal("u-42", refreshToken.GetPayloadValue<string>("sub"));
        Assert.Equal("s-1", refreshToken.GetPayloadValue<string>("sid"));
        // ExpiresIn from [JwtProfile]: the packaged generator's module initializer ran in the app.
        Assert.Equal(30 * 24 * 3600, refreshToken.GetPayloadValue<long>("exp") - refreshToken.GetPayloadValue<long>("iat"));
    }

    private static void WriteApp(string app, string feed, string packages, string version)
    {
        LocalFeed.WriteNuGetConfig(app, feed);

        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- The test app keeps its test secret inline in appsettings.json on purpose: TKI018 named and accepted. -->
                <NoWarn>$(NoWarn);TKI018</NoWarn>
                <!-- The test package is restored here, never into the machine's global packages folder. -->
                <RestorePackagesPath>{packages}</RestorePackagesPath>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TokenIssuer" Version="{version}" />
                <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.5" />
              </ItemGroup>
            </Project>
            """);

        File.WriteAllText(Path.Combine(app, "appsettings.json"), $$"""
            {
              "JwtIssuer": {
                "Keys": {
                  "main": { "Secret": "{{Secret}}" }
                },
                "Profiles": {
                  "Access": {
                    "Algorithm": "HS256",
                    "SigningKey": "main",
                    "ExpiresIn": "15m",
                    "Issuer": "https://id.example.com",
                    "Audience": [ "orders-api" ],
                    "Parameters": { "sub": "string", "role": "string", "tenant_id": "Guid" }
                  },
                  "Refresh": { "SigningKey": "main" }
                }
              }
            }
            """);

        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using TokenIssuer;

            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddJwtIssuer();
            using var host = builder.Build();
            var issuer = host.Services.GetRequiredService<IJwtIssuer>();

            Console.WriteLine("ACCESS=" + issuer.IssueAccess(sub: "u-42", role: "admin", tenantId: Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301")));
            Console.WriteLine("REFRESH=" + issuer.IssueRefresh(new RefreshClaims("u-42", "s-1")));

            [JwtProfile("Refresh", ExpiresIn = "30d")]
            public record RefreshClaims(string Sub, [property: JwtClaim("sid")] string SessionId);
            """);
    }
}
