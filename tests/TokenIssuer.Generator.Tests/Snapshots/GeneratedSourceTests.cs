using Microsoft.CodeAnalysis;
using static TokenIssuer.Generator.Tests.GeneratorHarness;

namespace TokenIssuer.Generator.Tests;

/// <summary>
/// Snapshots of <c>TokenIssuer.Profiles.g.cs</c>. Each case also compiles the generated source with the
/// runtime and requires no error and no warning. Accept changed output with TOKENISSUER_ACCEPT_SNAPSHOTS=1.
/// </summary>
public sealed class GeneratedSourceTests
{
    [Fact]
    public void DesignExample()
    {
        var run = Run(Tests.DesignExample.AppSettings, Tests.DesignExample.RefreshClaims);

        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertCompilesCleanly();
        string source = run.GeneratedSource!;
        Assert.Contains("public static string IssueAccess(this global::TokenIssuer.IJwtIssuer issuer, string sub, string role, global::System.Guid tenantId)", source);
        Assert.Contains("public static string IssueRefresh(this global::TokenIssuer.IJwtIssuer issuer, global::RefreshClaims claims)", source);
        Assert.Contains("writer.WriteString(\"sid\", state.SessionId);", source);
        Snapshot.Match(source);
    }

    [Fact]
    public void EverySupportedParameterType()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Types": {
                    "Algorithm": "HS256",
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
                  }
                }
              }
            }
            """;
        var run = Run(json);

        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertCompilesCleanly();
        string source = run.GeneratedSource!;
        Assert.Contains(
            "public static string IssueTypes(this global::TokenIssuer.IJwtIssuer issuer, string name, bool admin, int level, long quota, double ratio, decimal price, " +
            "global::System.Guid tenantId, global::System.DateTimeOffset bornAt, string[] roles, global::System.Collections.Generic.IEnumerable<string> groups, " +
            "bool? verified, int? age, global::System.Guid? orgId, global::System.DateTimeOffset? lastLogin)", source);
        Snapshot.Match(source);
    }

    [Fact]
    public void EverySupportedPropertyTypeOfARecord()
    {
        const string csharp = """
            using System;
            using System.Collections.Generic;
            using TokenIssuer;

            namespace App.Tokens;

            [JwtProfile("Types", Algorithm = JwtAlgorithm.HS512, ExpiresIn = "1h", NotBefore = "5s", Audience = "api", Issuer = "https://id.example.com", SigningKey = "main", NoTimestamp = true)]
            public sealed record TypesClaims(
                string Name, bool Admin, int Level, long Quota, double Ratio, decimal Price,
                [property: JwtClaim("tenant_id")] Guid TenantId, DateTimeOffset BornAt, string[] Roles, IEnumerable<string> Groups,
                bool? Verified, int? Age, Guid? OrgId, DateTimeOffset? LastLogin, string? Nickname, string[]? Tags, double? Score, decimal? Balance, long? Count);
            """;
        var run = Run(null, csharp);

        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertCompilesCleanly();
        Snapshot.Match(run.GeneratedSource!);
    }

    [Fact]
    public void ZeroAndOneParameter()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Plain": { "Algorithm": "HS256", "ExpiresIn": "5m" },
                  "Single": { "Algorithm": "HS256", "Parameters": { "sub": "string" } },
                  "SingleNullable": { "Parameters": { "count": "int?" } }
                }
              }
            }
            """;
        var run = Run(json);

        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertCompilesCleanly();
        string source = run.GeneratedSource!;
        Assert.Contains("public static string IssuePlain(this global::TokenIssuer.IJwtIssuer issuer)", source);
        Assert.Contains("public static string IssueSingle(this global::TokenIssuer.IJwtIssuer issuer, string sub)", source);
        Assert.Contains("public static string IssueSingleNullable(this global::TokenIssuer.IJwtIssuer issuer, int? count)", source);
        Snapshot.Match(source);
    }

    [Fact]
    public void MergesAppSettingsWithTheDevelopmentFile()
    {
        const string appSettings = """
            {
              "JwtIssuer": {
                "Profiles": {
                  "Access": {
                    "Algorithm": "ES256",
                    "ExpiresIn": "15m",
                    "Issuer": "https://id.example.com",
                    "Parameters": { "sub": "string", "role": "string" }
                  }
                }
              }
            }
            """;
        const string development = """
            {
              // Development: longer tokens, a debug claim, and a profile only developers use.
              "JwtIssuer": {
                "Profiles": {
                  "Access": {
                    "ExpiresIn": "8h",
                    "Parameters": { "role": "string[]", "debug": "bool?" },
                  },
                  "DevOnly": { "Algorithm": "HS256", "Parameters": { "sub": "string" } },
                },
              },
            }
            """;
        var main = new InMemoryAdditionalText(AppSettingsPath, appSettings);
        var dev = new InMemoryAdditionalText(DevelopmentSettingsPath, development);

        var run = Run(new AdditionalText[] { main, dev });
        var reversed = Run(new AdditionalText[] { dev, main });

        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertCompilesCleanly();
        string source = run.GeneratedSource!;
        // appsettings.json first, then the environment file over it, whatever order the compiler lists them in.
        Assert.Equal(source, reversed.GeneratedSource);
        Assert.Contains("public static string IssueAccess(this global::TokenIssuer.IJwtIssuer issuer, string sub, string[] role, bool? debug)", source);
        Assert.Contains("Lifetime: 8h.", source);
        Assert.Contains("Issuer: https://id.example.com.", source);
        Assert.Contains("public static string IssueDevOnly(", source);
        Snapshot.Match(source);
    }

    [Fact]
    public void AttributeAndConfigurationProfileOfTheSameName()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Keys": { "refresh": { "Secret": "development-Zq8Lw3vT-test-secret-0123456789" } },
                "Profiles": {
                  "Refresh": {
                    "SigningKey": "refresh",
                    "ExpiresIn": "1h",
                    "Issuer": "https://configured.example.com",
                    "Audience": "configured-audience"
                  }
                }
              }
            }
            """;
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("Refresh", Algorithm = JwtAlgorithm.HS384, ExpiresIn = "30d", Audience = "refresh-api")]
            public record RefreshClaims(string Sub, [property: JwtClaim("sid")] string SessionId);
            """;
        var run = Run(json, csharp);

        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertCompilesCleanly();
        string source = run.GeneratedSource!;
        string registration = source[source.IndexOf("internal static class JwtAttributeProfileRegistration", StringComparison.Ordinal)..];
        // Only what the attribute says becomes a run-time default; configuration values stay configuration's.
        Assert.Contains("profile.Algorithm ??= \"HS384\";", registration);
        Assert.Contains("profile.ExpiresIn ??= \"30d\";", registration);
        Assert.Contains("if (profile.Audience.Count == 0) profile.Audience.Add(\"refresh-api\");", registration);
        Assert.DoesNotContain("1h", registration);
        Assert.DoesNotContain("configured", registration);
        Assert.DoesNotContain("SigningKey", registration);
        Assert.DoesNotContain("Issuer ??=", registration);
        // The method takes the record; its documentation shows the merged profile.
        Assert.Contains("public static string IssueRefresh(this global::TokenIssuer.IJwtIssuer issuer, global::RefreshClaims claims)", source);
        Snapshot.Match(source);
    }

    [Theory]
    [InlineData("record RefreshClaims(string Sub, [property: JwtClaim(\"sid\")] string SessionId);")]
    [InlineData("internal sealed record RefreshClaims(string Sub, [property: JwtClaim(\"sid\")] string SessionId);")]
    public void AttributeProfileOnANonPublicRecordCompiles(string declaration)
    {
        // A top-level `record X(...)` is internal: the most common way to write the claims type in an app.
        var run = Run(null, "using TokenIssuer;\n\n[JwtProfile(\"Refresh\", ExpiresIn = \"30d\")]\n" + declaration);

        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertCompilesCleanly();
        Assert.Contains("static string IssueRefresh(this global::TokenIssuer.IJwtIssuer issuer, global::RefreshClaims claims)", run.GeneratedSource);
    }

    [Theory]
    [InlineData("writer")]
    [InlineData("state")]
    public void ConfigurationParameterNamedLikeTheLambdaParametersCompiles(string claim) => AssertParameterNameCompiles(claim);

    [Fact]
    public void ConfigurationParameterNamedIssuerCompiles() => AssertParameterNameCompiles("issuer");

    /// <summary>
    /// "issuer" is the name of the generated extension method's <c>this</c> parameter; writer/state are the lambda's.
    /// Either the method compiles with the claim as a parameter, or the generator reports the name it cannot use;
    /// generated code that does not compile is never the answer.
    /// </summary>
    private static void AssertParameterNameCompiles(string claim)
    {
        string json = $$"""
            { "JwtIssuer": { "Profiles": { "Access": { "Parameters": { "sub": "string", "{{claim}}": "string" } } } } }
            """;
        var run = Run(json);

        Assert.True(run.GeneratorDiagnostics.Length > 0 || run.GeneratedSource!.Contains($"\"{claim}\""), "the claim is neither generated nor reported");
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void AttributeProfileOnAGenericRecordCompilesOrIsReported()
    {
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("Refresh")]
            public record RefreshClaims<TTag>(string Sub);
            """;
        var run = Run(null, csharp);

        // The generated method cannot name RefreshClaims<TTag> without a type argument: the generator must either
        // emit a generic method or report the type, never emit code that does not compile.
        Assert.DoesNotContain(run.CompilationProblems, d => d.Location.SourceTree?.FilePath.EndsWith(HintName, StringComparison.Ordinal) == true);
    }

    [Fact]
    public void NoProfilesNoSource()
    {
        var run = Run("""{ "Logging": { "LogLevel": { "Default": "Information" } } }""");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Null(run.GeneratedSource);
    }
}
