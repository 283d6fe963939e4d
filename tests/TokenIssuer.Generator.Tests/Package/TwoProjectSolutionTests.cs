using System.Text;
using Microsoft.IdentityModel.Tokens;
using Xunit.Abstractions;

namespace TokenIssuer.Generator.Tests;

/// <summary>
/// Generated code composes across projects: a class library <c>Lib</c> with a <c>[JwtProfile("Invite")]</c>
/// record and an app <c>Web</c> with its own appsettings.json profile that references it, both on the packed
/// TokenIssuer package with warnings as errors. Before, both projects emitted public types of one name
/// (CS0436) and the library's registration never ran in the app ("There is no token profile \"Invite\"").
/// Takes a minute or more (pack, restore, build, run).
/// </summary>
public sealed class TwoProjectSolutionTests : IDisposable
{
    private const string Secret = "two-project-Zq8Lw3vT-test-secret-0123456789";

    private readonly ITestOutputHelper _output;
    private readonly TempFolder _folder = new("tokenissuer-solution-");

    public TwoProjectSolutionTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    [Trait("Category", "Package")]
    public async Task LibraryProfileIsRegisteredAndTypedInTheApp()
    {
        string feed = Path.Combine(_folder.Path, "feed");
        string packages = Path.Combine(_folder.Path, "packages");
        string solution = Path.Combine(_folder.Path, "solution");
        string version = await LocalFeed.PackTokenIssuerAsync(_output, feed);

        WriteSolution(solution, feed, packages, version);

        var run = await Dotnet.RunAsync(_output, Path.Combine(solution, "Web"), packages, "run", "--project", Path.Combine(solution, "Web", "Web.csproj"), "--no-launch-profile");
        Assert.True(run.ExitCode == 0, "dotnet run failed:\n" + run.Output);
        Assert.DoesNotContain("CS0436", run.Output, StringComparison.Ordinal);

        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret));
        var access = await AppOutput.ValidateAsync(AppOutput.Line(run.Output, "ACCESS="), key, null, null, run.Output);
        Assert.Equal("u-42", access.GetPayloadValue<string>("sub"));
        Assert.Equal(15 * 60, access.GetPayloadValue<long>("exp") - access.GetPayloadValue<long>("iat"));

        // The library's profile: its claims from the record, its lifetime from the attribute (registered in Web).
        var invite = await AppOutput.ValidateAsync(AppOutput.Line(run.Output, "INVITE="), key, null, null, run.Output);
        Assert.Equal("ada@example.com", invite.GetPayloadValue<string>("email"));
        Assert.Equal("contoso", invite.GetPayloadValue<string>("org"));
        Assert.Equal(2 * 24 * 3600, invite.GetPayloadValue<long>("exp") - invite.GetPayloadValue<long>("iat"));
        Assert.Equal("Access,Invite", AppOutput.Line(run.Output, "PROFILES="));
    }

    private static void WriteSolution(string solution, string feed, string packages, string version)
    {
        LocalFeed.WriteNuGetConfig(solution, feed);
        Write(solution, "Directory.Build.props", $"""
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- The test app keeps its test secret inline in appsettings.json on purpose: TKI018 named and accepted. -->
                <NoWarn>$(NoWarn);TKI018</NoWarn>
                <RestorePackagesPath>{packages}</RestorePackagesPath>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
            </Project>
            """);

        Write(solution, "Lib/Lib.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="TokenIssuer" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        Write(solution, "Lib/InviteClaims.cs", """
            using TokenIssuer;

            namespace Lib;

            [JwtProfile("Invite", Algorithm = JwtAlgorithm.HS256, SigningKey = "main", ExpiresIn = "2d")]
            public sealed record InviteClaims(string Email, [property: JwtClaim("org")] string Organisation);
            """);

        Write(solution, "Web/Web.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TokenIssuer" Version="{version}" />
                <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.5" />
                <ProjectReference Include="../Lib/Lib.csproj" />
              </ItemGroup>
            </Project>
            """);
        Write(solution, "Web/appsettings.json", $$"""
            {
              "JwtIssuer": {
                "Keys": { "main": { "Secret": "{{Secret}}" } },
                "Profiles": {
                  "Access": { "Algorithm": "HS256", "SigningKey": "main", "ExpiresIn": "15m", "Parameters": { "sub": "string" } }
                }
              }
            }
            """);
        Write(solution, "Web/Program.cs", """
            using Lib;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using TokenIssuer;

            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddJwtIssuer();
            using var host = builder.Build();
            await host.StartAsync(); // validates every profile, before any type of Lib has been touched
            var issuer = host.Services.GetRequiredService<IJwtIssuer>();

            Console.WriteLine("PROFILES=" + string.Join(",", JwtProfileNames.Access, JwtProfileNames.Invite));
            Console.WriteLine("ACCESS=" + issuer.IssueAccess(sub: "u-42"));
            Console.WriteLine("INVITE=" + issuer.IssueInvite(new InviteClaims("ada@example.com", "contoso")));
            await host.StopAsync();
            """);
    }

    private static void Write(string root, string relativePath, string content)
    {
        string path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }


}
