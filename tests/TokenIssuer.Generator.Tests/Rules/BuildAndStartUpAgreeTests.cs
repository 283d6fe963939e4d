using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static TokenIssuer.Generator.Tests.GeneratorHarness;

namespace TokenIssuer.Generator.Tests;

/// <summary>
/// The same mistake in appsettings.json gives the same sentence at build time (the generator's diagnostic)
/// and at start-up (AddJwtIssuer's validation): both come from the shared rule book (src/Shared/Rules). With
/// the default section the location prefix is the same configuration path too, so the messages are equal.
/// </summary>
public sealed class BuildAndStartUpAgreeTests
{
    private const string Secret = "a-secret-of-at-least-32-bytes-length!!";

    /// <summary>Name, the diagnostic id, and the profile "Access" (JSON members) that makes the mistake.</summary>
    public static TheoryData<string, string, string> Mistakes => new()
    {
        { "unknown algorithm", "TKI002", "\"Algorithm\": \"RS265\", \"SigningKey\": \"Main\"" },
        { "algorithm none", "TKI002", "\"Algorithm\": \"none\", \"SigningKey\": \"Main\"" },
        { "bad duration", "TKI003", "\"SigningKey\": \"Main\", \"ExpiresIn\": \"15 minuets\"" },
        { "unknown option", "TKI004", "\"SigningKey\": \"Main\", \"ExpireIn\": \"15m\"" },
        { "alg in Header", "TKI005", "\"SigningKey\": \"Main\", \"Header\": { \"alg\": \"HS512\" }" },
        { "crit in Header", "TKI005", "\"SigningKey\": \"Main\", \"Header\": { \"crit\": \"exp\" }" },
        { "unsupported parameter type", "TKI006", "\"SigningKey\": \"Main\", \"Parameters\": { \"age\": \"Int\" }" },
        { "parameter colliding with a fixed claim", "TKI007", "\"SigningKey\": \"Main\", \"Claims\": { \"role\": \"admin\" }, \"Parameters\": { \"role\": \"string\" }" },
        { "parameter colliding with Issuer", "TKI007", "\"SigningKey\": \"Main\", \"Issuer\": \"https://id.example.com\", \"Parameters\": { \"iss\": \"string\" }" },
        { "parameter colliding with a time claim", "TKI007", "\"SigningKey\": \"Main\", \"Parameters\": { \"exp\": \"long\" }" },
        { "short HMAC secret", "TKI010", "\"SigningKey\": \"Short\", \"Algorithm\": \"HS256\"" },
        { "time claim in Claims", "TKI013", "\"SigningKey\": \"Main\", \"Claims\": { \"exp\": \"1700000000\" }" },
        { "claim set by an option in Claims", "TKI013", "\"SigningKey\": \"Main\", \"Issuer\": \"https://id.example.com\", \"Claims\": { \"iss\": \"https://other.example.com\" }" },
        { "SigningKey naming no key", "TKI014", "\"SigningKey\": \"Mian\"" },
        { "negative lifetime", "TKI015", "\"SigningKey\": \"Main\", \"ExpiresIn\": \"-5m\"" },
        { "NotBefore after ExpiresIn", "TKI015", "\"SigningKey\": \"Main\", \"ExpiresIn\": \"30m\", \"NotBefore\": \"1h\"" },
        { "list where a value belongs", "TKI017", "\"SigningKey\": \"Main\", \"Algorithm\": [ \"HS256\" ]" },
        { "flag that is not a boolean", "TKI017", "\"SigningKey\": \"Main\", \"NoTimestamp\": \"yes\"" },
        { "GenerateJwtId that is not a boolean", "TKI017", "\"SigningKey\": \"Main\", \"GenerateJwtId\": \"yes\"" },
        { "kid in Header", "TKI005", "\"SigningKey\": \"Main\", \"Header\": { \"kid\": \"mine\" }" },
        { "jku in Header", "TKI005", "\"SigningKey\": \"Main\", \"Header\": { \"jku\": \"https://evil.example/jwks\" }" },
        { "ALG in Header", "TKI005", "\"SigningKey\": \"Main\", \"Header\": { \"ALG\": \"none\" }" },
        { "sub-second lifetime", "TKI015", "\"SigningKey\": \"Main\", \"ExpiresIn\": \"500ms\"" },
        { "NotBefore equal to ExpiresIn in whole seconds", "TKI015", "\"SigningKey\": \"Main\", \"ExpiresIn\": \"1.9s\", \"NotBefore\": \"1.5s\"" },
        { "lifetime past the year 9999", "TKI015", "\"SigningKey\": \"Main\", \"ExpiresIn\": \"8000y\"" },
        { "GenerateJwtId with JwtId", "TKI021", "\"SigningKey\": \"Main\", \"JwtId\": \"fixed\", \"GenerateJwtId\": true" },
        { "RFC 9068 profile without client_id", "TKI020", Rfc9068 },
        { "RFC 9068 profile without Issuer", "TKI020", Rfc9068.Replace("\"Issuer\": \"https://id.example.com\", ", "") + ", \"Claims\": { \"client_id\": \"spa\" }" },
        { "RFC 9068 profile with a nullable sub", "TKI020", Rfc9068.Replace("\"sub\": \"string\"", "\"sub\": \"string?\"") + ", \"Claims\": { \"client_id\": \"spa\" }" },
        { "RFC 9068 profile with a constant JwtId", "TKI020", Rfc9068.Replace("\"GenerateJwtId\": true", "\"JwtId\": \"fixed\"") + ", \"Claims\": { \"client_id\": \"spa\" }" },
        { "RFC 9068 profile with another typ", "TKI022", Rfc9068 + ", \"Claims\": { \"client_id\": \"spa\" }, \"Header\": { \"typ\": \"JWT\" }" },
    };

    /// <summary>An RFC 9068 profile with everything but client_id.</summary>
    private const string Rfc9068 = "\"SigningKey\": \"Main\", \"Rfc9068\": true, \"GenerateJwtId\": true, \"ExpiresIn\": \"15m\", \"Issuer\": \"https://id.example.com\", "
        + "\"Audience\": \"api\", \"Parameters\": { \"sub\": \"string\" }";

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void TheBuildDiagnosticSaysWhatStartUpSays(string mistake, string id, string profile)
    {
        string json = $$"""
            {
              "JwtIssuer": {
                "Keys": {
                  "Main": { "Secret": "{{Secret}}" },
                  "Short": { "Secret": "too-short-secret" }
                },
                "Profiles": {
                  "Access": { {{profile}} }
                }
              }
            }
            """;

        var diagnostics = Run(json).GeneratorDiagnostics;
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        string atBuild = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

        var atStartUp = StartUpFailures(json);

        Assert.True(atStartUp.Contains(atBuild), $"{mistake}: the build says\n  {atBuild}\nbut start-up says\n  {string.Join("\n  ", atStartUp)}");
        Assert.Single(atStartUp);
    }

    [Fact]
    public void AnAttributeMistakeSaysTheSentenceStartUpSaysAfterItsOwnPrefix()
    {
        // The attribute's mistake is located at the attribute; its sentence is the one start-up gives for the same value.
        const string csharp = """
            using TokenIssuer;

            [JwtProfile("Access", ExpiresIn = "15 minuets")]
            public record AccessClaims(string Sub);
            """;
        var diagnostic = Assert.Single(Run(null, csharp).GeneratorDiagnostics);
        string atBuild = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        const string prefix = "[JwtProfile(\"Access\")] ExpiresIn: ";
        Assert.StartsWith(prefix, atBuild, StringComparison.Ordinal);

        var atStartUp = Assert.Single(StartUpFailures($$"""
            { "JwtIssuer": { "Keys": { "Main": { "Secret": "{{Secret}}" } }, "Profiles": { "Access": { "SigningKey": "Main", "ExpiresIn": "15 minuets" } } } }
            """));
        Assert.Equal("JwtIssuer:Profiles:Access:ExpiresIn: " + atBuild[prefix.Length..], atStartUp);
    }

    /// <summary>Name, the attribute's arguments and the properties of its record, and the same profile as JSON members.</summary>
    public static TheoryData<string, string, string, string> AttributeMistakes => new()
    {
        { "GenerateJwtId with JwtId", "JwtId = \"fixed\", GenerateJwtId = true", "string Email", "\"JwtId\": \"fixed\", \"GenerateJwtId\": true, \"Parameters\": { \"email\": \"string\" }" },
        {
            "RFC 9068 profile without client_id",
            "Rfc9068 = true, GenerateJwtId = true, ExpiresIn = \"15m\", Issuer = \"https://id.example.com\", Audience = \"api\"", "string Sub",
            "\"Rfc9068\": true, \"GenerateJwtId\": true, \"ExpiresIn\": \"15m\", \"Issuer\": \"https://id.example.com\", \"Audience\": \"api\", \"Parameters\": { \"sub\": \"string\" }"
        },
        {
            "RFC 9068 profile without GenerateJwtId",
            "Rfc9068 = true, ExpiresIn = \"15m\", Issuer = \"https://id.example.com\", Audience = \"api\"", "string Sub, [property: JwtClaim(\"client_id\")] string ClientId",
            "\"Rfc9068\": true, \"ExpiresIn\": \"15m\", \"Issuer\": \"https://id.example.com\", \"Audience\": \"api\", \"Parameters\": { \"sub\": \"string\", \"client_id\": \"string\" }"
        },
    };

    [Theory]
    [MemberData(nameof(AttributeMistakes))]
    public void TheAttributeOptionsSayTheSentenceStartUpSaysForTheSameProfile(string mistake, string arguments, string properties, string profile)
    {
        // The attribute's registration sets the options and declares the properties as Parameters: start-up sees this JSON profile.
        string csharp = $$"""
            using TokenIssuer;

            [JwtProfile("Access", {{arguments}})]
            public record AccessClaims({{properties}});
            """;
        var diagnostic = Assert.Single(Run(null, csharp).GeneratorDiagnostics);
        string atBuild = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        const string prefix = "[JwtProfile(\"Access\")] ";
        Assert.StartsWith(prefix, atBuild, StringComparison.Ordinal);

        var atStartUp = Assert.Single(StartUpFailures($$"""
            { "JwtIssuer": { "Keys": { "Main": { "Secret": "{{Secret}}" } }, "Profiles": { "Access": { "SigningKey": "Main", {{profile}} } } } }
            """));
        string option = atBuild[prefix.Length..atBuild.IndexOf(':', StringComparison.Ordinal)];
        Assert.True($"JwtIssuer:Profiles:Access:{option}{atBuild[(prefix.Length + option.Length)..]}" == atStartUp,
            $"{mistake}: the build says\n  {atBuild}\nbut start-up says\n  {atStartUp}");
    }

    /// <summary>The failures AddJwtIssuer's validation reports for <paramref name="json"/> as appsettings.json.</summary>
    private static List<string> StartUpFailures(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddJwtIssuer();
        using var provider = services.BuildServiceProvider();
        var error = Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JwtIssuerOptions>>().Value);
        // Attribute profiles registered by other tests' compiled programs live in the process-wide GeneratedProfiles
        // (and have no key here): only what is said about this test's profile and keys counts.
        return error.Failures.Where(f => f.StartsWith("JwtIssuer:Profiles:Access:", StringComparison.Ordinal) || f.StartsWith("JwtIssuer:Keys:", StringComparison.Ordinal)).ToList();
    }
}
