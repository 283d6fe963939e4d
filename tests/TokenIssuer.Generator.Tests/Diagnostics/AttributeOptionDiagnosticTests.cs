using Microsoft.CodeAnalysis;
using static TokenIssuer.Generator.Tests.DiagnosticAssert;
using static TokenIssuer.Generator.Tests.GeneratorHarness;

namespace TokenIssuer.Generator.Tests;

/// <summary>
/// The options a <c>[JwtProfile]</c> attribute shares with JSON profiles (Subject, JwtId, GenerateJwtId, Rfc9068,
/// AllowUndeclaredClaims): the same rules with the same sentences (TKI020, TKI021, TKI007), located at the attribute
/// argument, the same documentation on the generated methods, and the registration that carries them to run time.
/// </summary>
public sealed class AttributeOptionDiagnosticTests
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;

    private const string AccessTokenProfile = """
        using TokenIssuer;

        [JwtProfile("Access", Rfc9068 = true, GenerateJwtId = true, ExpiresIn = "15m",
            Issuer = "https://id.example.com", Audience = "orders-api")]
        public record AccessClaims(string Sub, [property: JwtClaim("client_id")] string ClientId);
        """;

    [Fact]
    public void AnRfc9068AttributeProfileThatGuaranteesEveryClaimBuildsCleanly()
    {
        var run = Run(null, AccessTokenProfile);

        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertCompilesCleanly();
        string source = run.GeneratedSource!;
        Assert.Contains("An RFC 9068 access token (typ at+jwt).", source);
        Assert.Contains("Each token carries a fresh jti.", source);
        Assert.Contains("<returns>The signed token. It carries a fresh <c>jti</c> (GenerateJwtId): 128 random bits, base64url, different in every token.</returns>", source);
        Assert.Contains("profile.GenerateJwtId = true;", source);
        Assert.Contains("profile.Rfc9068 = true;", source);
        Assert.Contains("""profile.Parameters.Add(new global::System.Collections.Generic.KeyValuePair<string, string>("client_id", "string"));""", source);
    }

    [Fact]
    public void AnRfc9068AttributeProfileMissingClientIdFailsTheBuildAtTheAttributeArgument()
    {
        string csharp = AccessTokenProfile.Replace(", [property: JwtClaim(\"client_id\")] string ClientId", "");
        var d = Single(Run(null, csharp), "TKI020");

        Is(d, "TKI020", Error, SourcePath, csharp, "Rfc9068 = true");
        Says(d, "[JwtProfile(\"Access\")] Rfc9068: an RFC 9068 access token must carry \"client_id\" (§2.2); add \"client_id\" to Claims");
    }

    [Theory]
    [InlineData("Issuer = \"https://id.example.com\", ", "must carry \"iss\" (§2.2); set Issuer.")]
    [InlineData("ExpiresIn = \"15m\",", "must carry \"exp\" (§2.2); set ExpiresIn")]
    [InlineData(", Audience = \"orders-api\"", "must carry \"aud\" (§2.2); set Audience")]
    [InlineData("string Sub, ", "must carry \"sub\" (§2.2); set Subject")]
    [InlineData("GenerateJwtId = true, ", "must carry \"jti\" (§2.2); set GenerateJwtId to true")]
    public void EachClaimAnRfc9068AttributeProfileCannotPromiseIsABuildError(string removed, string says)
    {
        string csharp = AccessTokenProfile.Replace(removed, "");
        Assert.NotEqual(AccessTokenProfile, csharp);
        var d = Single(Run(null, csharp), "TKI020");
        Is(d, "TKI020", Error, SourcePath, csharp, "Rfc9068 = true");
        Says(d, says);
    }

    [Fact]
    public void ANullableSubPropertyIsABuildError()
    {
        string csharp = "#nullable enable\n" + AccessTokenProfile.Replace("string Sub", "string? Sub");
        Says(Single(Run(null, csharp), "TKI020"), "[JwtProfile(\"Access\")] Rfc9068: an RFC 9068 access token must carry \"sub\" (§2.2), but Parameters:sub is \"string?\"");
    }

    [Fact]
    public void AFixedSubjectSatisfiesTheRfc9068Sub()
    {
        string csharp = AccessTokenProfile.Replace("string Sub, ", "").Replace("ExpiresIn = \"15m\",", "ExpiresIn = \"15m\", Subject = \"service\",");
        var run = Run(null, csharp);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("profile.Subject ??= \"service\";", run.GeneratedSource);
    }

    [Fact]
    public void AClientIdInConfigurationSatisfiesTheAttributeProfile()
    {
        // The attribute and configuration make one profile; the RFC 9068 checks judge them together, as start-up does.
        string csharp = AccessTokenProfile.Replace(", [property: JwtClaim(\"client_id\")] string ClientId", "");
        const string json = """{ "JwtIssuer": { "Profiles": { "Access": { "Claims": { "client_id": "orders-spa" } } } } }""";
        Assert.Empty(Run(json, csharp).GeneratorDiagnostics);
    }

    [Fact]
    public void Rfc9068InConfigurationIsCheckedAgainstTheAttributesProperties()
    {
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("Access", GenerateJwtId = true, ExpiresIn = "15m", Issuer = "https://id.example.com", Audience = "orders-api")]
            public record AccessClaims(string Sub);
            """;
        const string json = """{ "JwtIssuer": { "Profiles": { "Access": { "Rfc9068": true } } } }""";
        var d = Single(Run(json, csharp), "TKI020");
        Is(d, "TKI020", Error, AppSettingsPath, json, "true");
        Says(d, "JwtIssuer:Profiles:Access:Rfc9068: an RFC 9068 access token must carry \"client_id\"");
    }

    [Fact]
    public void GenerateJwtIdWithJwtIdIsABuildErrorAtGenerateJwtId()
    {
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("Invite", JwtId = "fixed", GenerateJwtId = true)]
            public record InviteClaims(string Email);
            """;
        var d = Single(Run(null, csharp), "TKI021");
        Is(d, "TKI021", Error, SourcePath, csharp, "GenerateJwtId = true");
        Says(d, "[JwtProfile(\"Invite\")] GenerateJwtId: GenerateJwtId gives each token a fresh jti, and JwtId gives every token the same one; remove one of them.");
    }

    [Theory]
    [InlineData("GenerateJwtId = true", "Jti", "the per-call claim \"jti\" collides with the profile's GenerateJwtId")]
    [InlineData("JwtId = \"fixed\"", "Jti", "the per-call claim \"jti\" collides with the profile's JwtId")]
    [InlineData("Subject = \"service\"", "Sub", "the per-call claim \"sub\" collides with the profile's Subject")]
    public void APropertyWrittenAsAClaimAnOptionSetsIsABuildError(string option, string property, string says)
    {
        string csharp = $$"""
            using TokenIssuer;

            [JwtProfile("Invite", {{option}})]
            public record InviteClaims(string Email, string {{property}});
            """;
        var d = Single(Run(null, csharp), "TKI007");
        Is(d, "TKI007", Error, SourcePath, csharp, property + ")", spanCoversToken: false); // the property, not the option named like it
        Says(d, $"[JwtProfile(\"Invite\")] InviteClaims.{property}: {says}");
    }

    [Fact]
    public void TheGeneratedMethodsOfAGenerateJwtIdAttributeProfileSayTheTokenCarriesAFreshJti()
    {
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("Invite", GenerateJwtId = true, AllowUndeclaredClaims = true)]
            public record InviteClaims(string Email);

            [JwtProfile("Plain")]
            public record PlainClaims(string Email);
            """;
        var run = Run(null, csharp);
        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertCompilesCleanly();
        string source = run.GeneratedSource!;
        string DocsOf(string method)
        {
            int at = source.IndexOf($" {method}(", StringComparison.Ordinal);
            int start = source.LastIndexOf("<summary>Issues a token", at, StringComparison.Ordinal);
            return source[start..at];
        }
        Assert.Contains("It carries a fresh <c>jti</c> (GenerateJwtId)", DocsOf("IssueInvite"));
        Assert.Contains("It carries a fresh <c>jti</c> (GenerateJwtId)", DocsOf("IssueInviteToken"));
        Assert.DoesNotContain("jti", DocsOf("IssuePlain"));
        Assert.Contains("profile.AllowUndeclaredClaims = true;", source);
    }
}
