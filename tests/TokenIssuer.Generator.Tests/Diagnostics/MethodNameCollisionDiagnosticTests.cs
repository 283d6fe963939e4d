using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static TokenIssuer.Generator.Tests.DiagnosticAssert;
using static TokenIssuer.Generator.Tests.GeneratorHarness;

namespace TokenIssuer.Generator.Tests;

/// <summary>
/// TKI023: two profiles that would generate a method of the same name, at the second profile's name, and the
/// generated code still compiles (the clashing member is left out), so that TKI023 is the build's only error.
/// </summary>
public sealed class MethodNameCollisionDiagnosticTests
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;

    [Fact]
    public void AProfileNamedAfterAnotherProfilesFactsMethodIsAnErrorAtItsName()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": { "Algorithm": "HS256", "Parameters": { "sub": "string" } },
                  "AccessToken": { "Algorithm": "HS256" },
                  "Refresh": { "Algorithm": "HS256" }
                }
              }
            }
            """;
        var run = Run(json);

        var d = Single(run, "TKI023");
        Is(d, "TKI023", Error, AppSettingsPath, json, "\"AccessToken\"");
        Says(d, "JwtIssuer:Profiles:AccessToken: the profiles \"Access\" and \"AccessToken\" would both generate IssueAccessToken "
            + "(the token-with-facts method of \"Access\" and the Issue method of \"AccessToken\"); rename one of them.");
        run.AssertCompilesCleanly();
        string source = run.GeneratedSource!;
        Assert.Contains("public static string IssueAccessToken(this global::TokenIssuer.IJwtIssuer issuer)", source);
        Assert.DoesNotContain("JwtIssuedToken IssueAccessToken(", source);
        Assert.Contains("public static global::TokenIssuer.JwtIssuedToken IssueRefreshToken(this global::TokenIssuer.IJwtIssuer issuer)", source);
    }

    [Fact]
    public void TheProfileDeclaredSecondIsTheOneReported()
    {
        const string json = """
            { "JwtIssuer": { "Profiles": { "AccessToken": { }, "Access": { } } } }
            """;
        var d = Single(Run(json), "TKI023");
        Is(d, "TKI023", Error, AppSettingsPath, json, "\"Access\"");
        Says(d, "JwtIssuer:Profiles:Access: the profiles \"AccessToken\" and \"Access\" would both generate IssueAccessToken "
            + "(the Issue method of \"AccessToken\" and the token-with-facts method of \"Access\")");
    }

    [Fact]
    public void AProfileOfTheDevelopmentFileClashingWithOneOfAppSettingsIsReportedInTheDevelopmentFile()
    {
        const string appSettings = """{ "JwtIssuer": { "Profiles": { "Access": { } } } }""";
        const string development = """{ "JwtIssuer": { "Profiles": { "Access": { "ExpiresIn": "1h" }, "AccessToken": { } } } }""";
        var run = GeneratorHarness.Run(new AdditionalText[] { new InMemoryAdditionalText(DevelopmentSettingsPath, development), new InMemoryAdditionalText(AppSettingsPath, appSettings) });

        var d = Single(run, "TKI023");
        Is(d, "TKI023", Error, DevelopmentSettingsPath, development, "\"AccessToken\"");
    }

    [Fact]
    public void AnAttributeProfileClashingWithAConfigurationProfileIsReportedAtTheAttribute()
    {
        const string json = """{ "JwtIssuer": { "Profiles": { "Access": { "Algorithm": "HS256" } } } }""";
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("AccessToken", ExpiresIn = "1h")]
            public record AccessTokenClaims(string Sub);
            """;
        var run = Run(json, csharp);

        var d = Single(run, "TKI023");
        Is(d, "TKI023", Error, SourcePath, csharp, "\"AccessToken\"");
        Says(d, "[JwtProfile(\"AccessToken\")]: the profiles \"Access\" and \"AccessToken\" would both generate IssueAccessToken");
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void NamesThatDifferOnlyInAFormattingCharacterAreOneCSharpName()
    {
        // "Acc\u00ADess" (a soft hyphen) is a valid identifier, and C# reads it as Access: the constant and both methods would clash.
        const string json = """
            { "JwtIssuer": { "Profiles": { "Access": { }, "Acc\u00ADess": { } } } }
            """;
        var run = Run(json);

        var d = Single(run, "TKI023");
        Is(d, "TKI023", Error, AppSettingsPath, json, "\"Acc\\u00ADess\"");
        Says(d, "the profiles \"Access\" and \"Acc\\u00ADess\" would both generate IssueAccess (the names differ only in formatting characters, which C# ignores in an identifier, so they are one C# name); rename one of them.");
        run.AssertCompilesCleanly();
    }

    [Theory]
    [InlineData("""{ "JwtIssuer": { "Profiles": { "Access": { }, "Refresh": { }, "RefreshTokens": { } } } }""")]
    [InlineData("""{ "JwtIssuer": { "Profiles": { "Access": { }, "TokenAccess": { }, "Accesstoken": { } } } }""")]
    public void ProfilesWhoseMethodsDifferBuildCleanly(string json)
    {
        // C# names are case-sensitive: IssueAccesstoken is not IssueAccessToken.
        var run = Run(json);
        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void OneProfileInTwoFilesIsNoClash()
    {
        const string appSettings = """{ "JwtIssuer": { "Profiles": { "Access": { } } } }""";
        const string development = """{ "JwtIssuer": { "Profiles": { "access": { "ExpiresIn": "1h" } } } }""";
        var run = GeneratorHarness.Run(new AdditionalText[] { new InMemoryAdditionalText(AppSettingsPath, appSettings), new InMemoryAdditionalText(DevelopmentSettingsPath, development) });
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void StartUpAcceptsTheProfilesTheBuildRefuses()
    {
        // The dynamic path tells the profiles apart by name: only the generated methods clash, so start-up has no TKI023.
        const string json = """
            { "JwtIssuer": { "Keys": { "Main": { "Secret": "a-secret-of-at-least-32-bytes-length!!" } },
              "Profiles": { "Access": { "SigningKey": "Main" }, "AccessToken": { "SigningKey": "Main" } } } }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddJwtIssuer();
        using var provider = services.BuildServiceProvider();
        var failures = new List<string>();
        try
        {
            _ = provider.GetRequiredService<IOptions<JwtIssuerOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            // Attribute profiles of the compiled programs of other tests live in the process-wide registry: only these two count.
            failures.AddRange(e.Failures.Where(f => f.StartsWith("JwtIssuer:Profiles:Access", StringComparison.Ordinal)));
        }
        Assert.Empty(failures);
    }
}
