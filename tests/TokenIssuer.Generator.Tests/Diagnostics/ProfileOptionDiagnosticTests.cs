using Microsoft.CodeAnalysis;
using static TokenIssuer.Generator.Tests.DiagnosticAssert;
using static TokenIssuer.Generator.Tests.GeneratorHarness;

namespace TokenIssuer.Generator.Tests;

/// <summary>
/// The build-time checks of GenerateJwtId (TKI021), RFC 9068 profiles (TKI020, TKI022), the header members an
/// issuer must not emit (TKI005) and whole-second lifetimes (TKI015), each at the line of the JSON that causes it.
/// </summary>
public sealed class ProfileOptionDiagnosticTests
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;

    private const string AccessTokenProfile = """
        {
          "JwtIssuer": {
            "Profiles": {
              "Access": {
                "Rfc9068": true,
                "GenerateJwtId": true,
                "ExpiresIn": "15m",
                "Issuer": "https://id.example.com",
                "Audience": [ "orders-api" ],
                "Claims": { "client_id": "sample-spa" },
                "Parameters": { "sub": "string" }
              }
            }
          }
        }
        """;

    [Fact]
    public void AnRfc9068ProfileThatGuaranteesEveryClaimBuildsCleanly()
    {
        var run = Run(AccessTokenProfile);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("An RFC 9068 access token (typ at+jwt).", run.GeneratedSource);
    }

    [Fact]
    public void AnRfc9068ProfileMissingClientIdFailsTheBuildAtItsJsonLine()
    {
        string json = AccessTokenProfile.Replace("\"Claims\": { \"client_id\": \"sample-spa\" },", "");
        var run = Run(json);

        var d = Single(run, "TKI020");
        Is(d, "TKI020", Error, AppSettingsPath, json, "true");
        Assert.Equal(5, d.Location.GetLineSpan().StartLinePosition.Line + 1); // the line of "Rfc9068": true
        Says(d, "JwtIssuer:Profiles:Access:Rfc9068: an RFC 9068 access token must carry \"client_id\" (§2.2); add \"client_id\" to Claims");
    }

    [Theory]
    [InlineData("\"Issuer\": \"https://id.example.com\",", "must carry \"iss\" (§2.2); set Issuer.")]
    [InlineData("\"ExpiresIn\": \"15m\",", "must carry \"exp\" (§2.2); set ExpiresIn")]
    [InlineData("\"Audience\": [ \"orders-api\" ],", "must carry \"aud\" (§2.2); set Audience")]
    [InlineData("\"Parameters\": { \"sub\": \"string\" }", "must carry \"sub\" (§2.2); set Subject")]
    [InlineData("\"GenerateJwtId\": true,", "must carry \"jti\" (§2.2); set GenerateJwtId to true")]
    public void EachClaimAnRfc9068ProfileCannotPromiseIsABuildError(string removed, string says)
    {
        string json = AccessTokenProfile.Replace(removed, ""); // a trailing comma left behind is fine, as for configuration
        var d = Single(Run(json), "TKI020");
        Says(d, says);
    }

    [Fact]
    public void AClientIdInTheDevelopmentFileSatisfiesTheBuild()
    {
        // The files together make the profile, as configuration merges them; what they leave out start-up checks.
        string json = AccessTokenProfile.Replace("\"Claims\": { \"client_id\": \"sample-spa\" },", "");
        const string development = """{ "JwtIssuer": { "Profiles": { "Access": { "Claims": { "client_id": "dev-spa" } } } } }""";
        var run = GeneratorHarness.Run(new AdditionalText[] { new InMemoryAdditionalText(AppSettingsPath, json), new InMemoryAdditionalText(DevelopmentSettingsPath, development) });
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void ANullableSubParameterIsABuildError()
    {
        string json = AccessTokenProfile.Replace("\"sub\": \"string\"", "\"sub\": \"string?\"");
        Says(Single(Run(json), "TKI020"), "Parameters:sub is \"string?\", which may be left out; declare it as string.");
    }

    [Fact]
    public void AConflictingTypInAnRfc9068ProfileIsABuildErrorAtTheValue()
    {
        string json = AccessTokenProfile.Replace("\"Rfc9068\": true,", "\"Rfc9068\": true, \"Header\": { \"typ\": \"JWT\" },");
        var d = Single(Run(json), "TKI022");
        Is(d, "TKI022", Error, AppSettingsPath, json, "\"JWT\"");
        Says(d, "JwtIssuer:Profiles:Access:Header: \"typ\" is \"JWT\", but the tokens of an RFC 9068 profile are typed \"at+jwt\"");
    }

    [Fact]
    public void GenerateJwtIdWithJwtIdIsABuildErrorAtGenerateJwtId()
    {
        const string json = """{ "JwtIssuer": { "Profiles": { "Access": { "JwtId": "fixed", "GenerateJwtId": true } } } }""";
        var d = Single(Run(json), "TKI021");
        Is(d, "TKI021", Error, AppSettingsPath, json, "true");
        Says(d, "JwtIssuer:Profiles:Access:GenerateJwtId: GenerateJwtId gives each token a fresh jti, and JwtId gives every token the same one; remove one of them.");
    }

    [Fact]
    public void GenerateJwtIdThatIsNotABooleanIsABuildError()
    {
        const string json = """{ "JwtIssuer": { "Profiles": { "Access": { "GenerateJwtId": "yes" } } } }""";
        Says(Single(Run(json), "TKI017"), "JwtIssuer:Profiles:Access:GenerateJwtId: \"yes\" is not a boolean. Write true or false.");
    }

    [Fact]
    public void TheGeneratedMethodSaysTheTokenCarriesAFreshJti()
    {
        const string json = """{ "JwtIssuer": { "Profiles": { "Access": { "GenerateJwtId": true, "Parameters": { "sub": "string" } }, "Plain": { } } } }""";
        var run = Run(json);
        Assert.Empty(run.GeneratorDiagnostics);
        string source = run.GeneratedSource!;
        string DocsOf(string method)
        {
            int at = source.IndexOf($" Issue{method}(", StringComparison.Ordinal);
            int start = source.LastIndexOf("<summary>Issues a token", at, StringComparison.Ordinal);
            return source[start..at];
        }
        Assert.Contains("<returns>The signed token. It carries a fresh <c>jti</c> (GenerateJwtId)", DocsOf("Access"));
        Assert.Contains("Each token carries a fresh jti.", DocsOf("Access"));
        Assert.DoesNotContain("jti", DocsOf("Plain"));
    }

    [Theory]
    [InlineData("kid")]
    [InlineData("KID")]
    [InlineData("jku")]
    [InlineData("x5u")]
    [InlineData("jwk")]
    [InlineData("x5c")]
    [InlineData("Alg")]
    [InlineData("ALG")]
    [InlineData("Crit")]
    public void AHeaderMemberThatSteersValidatorsIsABuildErrorInAnyCase(string member)
    {
        string json = $$"""{ "JwtIssuer": { "Profiles": { "Access": { "Header": { "{{member}}": "x" } } } } }""";
        var d = Single(Run(json), "TKI005");
        Is(d, "TKI005", Error, AppSettingsPath, json, $"\"{member}\"");
        Says(d, $"JwtIssuer:Profiles:Access:Header: \"{member}\"");
    }

    [Theory]
    [InlineData("\"ExpiresIn\": \"500ms\"", "\"500ms\"", "is under one second")]
    [InlineData("\"ExpiresIn\": \"1.9s\", \"NotBefore\": \"1.5s\"", "\"1.5s\"", "NotBefore is not earlier than ExpiresIn")]
    [InlineData("\"ExpiresIn\": \"8000y\"", "\"8000y\"", "\"8000y\" is too large to be a token lifetime")]
    public void ALifetimeThatGivesNoValidTokenInWholeSecondsIsABuildError(string members, string at, string says)
    {
        string json = $$"""{ "JwtIssuer": { "Profiles": { "Access": { {{members}} } } } }""";
        var d = Single(Run(json), "TKI015");
        Is(d, "TKI015", Error, AppSettingsPath, json, at);
        Says(d, says);
    }
}
