using Microsoft.CodeAnalysis;
using static TokenIssuer.Generator.Tests.DiagnosticAssert;
using static TokenIssuer.Generator.Tests.GeneratorHarness;

namespace TokenIssuer.Generator.Tests;

/// <summary>
/// TKI018 (key material inline in a committed settings file), TKI019 (a placeholder secret), and the rule that no
/// build diagnostic repeats the file's key material, whichever option it was put in.
/// </summary>
public sealed class KeyMaterialDiagnosticTests
{
    /// <summary>A secret written as words and punctuation: the heuristic cannot tell it from text, only the file's own Secret can.</summary>
    private const string WordySecret = "a-secret-of-at-least-32-bytes-length!!";

    private const string RandomSecret = "kR3vZ8+qLw0xN5tYb2Hs7Jd/Fa9Gc4Pe1Um6Qi+VoXE=";

    private static string File(string key, string profile = "\"SigningKey\": \"main\"") => $$"""
        {
          "JwtIssuer": {
            "Keys": {
              "main": {{key}}
            },
            "Profiles": {
              "Access": { {{profile}} }
            }
          }
        }
        """;

    [Fact]
    public void TKI018ASecretInlineInAppSettingsJsonIsAWarningAtItsValue()
    {
        string json = File($$"""{ "SecretBase64": "{{RandomSecret}}" }""");
        var run = RunReportingInlineKeyMaterial(new InMemoryAdditionalText(AppSettingsPath, json));

        var d = Single(run, "TKI018");
        Is(d, "TKI018", DiagnosticSeverity.Warning, AppSettingsPath, json, $"\"{RandomSecret}\"");
        Says(d, "JwtIssuer:Keys:main:SecretBase64: key material is written inline in appsettings.json");
        Says(d, "dotnet user-secrets set");
        Assert.DoesNotContain(RandomSecret[..12], d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void TKI018AlsoForAPemAndForAnEnvironmentFileOtherThanDevelopment()
    {
        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        string pem = System.Text.Json.JsonSerializer.Serialize(ec.ExportPkcs8PrivateKeyPem());
        string json = File($$"""{ "Pem": {{pem}} }""");
        var run = RunReportingInlineKeyMaterial(new InMemoryAdditionalText("/project/appsettings.Production.json", json));

        Says(Single(run, "TKI018"), "JwtIssuer:Keys:main:Pem: key material is written inline in appsettings.Production.json");
    }

    [Fact]
    public void TKI018NeitherForTheDevelopmentFileNorForAnEmptyValue()
    {
        var development = RunReportingInlineKeyMaterial(new InMemoryAdditionalText(DevelopmentSettingsPath, File($$"""{ "SecretBase64": "{{RandomSecret}}" }""")));
        Assert.Empty(development.GeneratorDiagnostics);

        // An empty value declares the key here and leaves its secret to user-secrets or the environment: no TKI010 for 0 bytes either.
        var declared = RunReportingInlineKeyMaterial(new InMemoryAdditionalText(AppSettingsPath, File("""{ "SecretBase64": "" }""", "\"SigningKey\": \"main\", \"Algorithm\": \"HS256\"")));
        Assert.Empty(declared.GeneratorDiagnostics);
    }

    [Theory]
    [InlineData("set in user-secrets or the environment", "is a placeholder phrase")]
    [InlineData("the quick brown fox jumps over the lazy dog", "reads as prose (words anyone can guess), not random bytes")]
    [InlineData("changeme", "is a placeholder word")]
    [InlineData("your-secret-here-your-secret-here", "is a placeholder phrase")]
    [InlineData("<your jwt signing secret goes here>", "is a template slot or an unexpanded variable, not its value")]
    [InlineData("${JWT_SECRET}", "is a template slot or an unexpanded variable, not its value")]
    [InlineData("TODO: generate a real one", "is a placeholder phrase")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "has fewer than 5 distinct characters")]
    public void TKI019APlaceholderSecretIsAnErrorAtItsValue(string secret, string reason)
    {
        string json = File($$"""{ "Secret": "{{secret}}" }""");
        var run = Run(json);

        var d = Single(run, "TKI019");
        Is(d, "TKI019", DiagnosticSeverity.Error, AppSettingsPath, json, $"\"{secret}\"");
        Says(d, $"JwtIssuer:Keys:main:Secret: the secret ({secret.Length} characters, not shown) {reason}: anyone could forge the tokens it signs.");
        Says(d, "`tokenissuer keys new --alg HS256` (or `openssl rand -base64 32`)");
        Assert.DoesNotContain(secret, d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void ARealSecretIsNoPlaceholder()
    {
        Assert.Empty(Run(File($$"""{ "SecretBase64": "{{RandomSecret}}" }""")).GeneratorDiagnostics);
        Assert.Empty(Run(File($$"""{ "Secret": "{{WordySecret}}" }""")).GeneratorDiagnostics);
    }

    /// <summary>The file's own secret pasted into other options: each message names the option and never the secret.</summary>
    [Theory]
    [InlineData("\"Algorithm\": \"SECRET\"", "TKI002", "JwtIssuer:Profiles:Access:Algorithm: (a value of 38 characters, not shown) is not an algorithm.")]
    [InlineData("\"ExpiresIn\": \"SECRET\"", "TKI003", "JwtIssuer:Profiles:Access:ExpiresIn: (a value of 38 characters, not shown) is not a duration.")]
    [InlineData("\"SigningKey\": \"SECRET\"", "TKI014", "JwtIssuer:Profiles:Access:SigningKey: SigningKey takes the NAME of a key under JwtIssuer:Keys; the value given (38 characters, not shown) looks like a key or a secret.")]
    [InlineData("\"SigningKey\": \"main\", \"NoTimestamp\": \"SECRET\"", "TKI017", "JwtIssuer:Profiles:Access:NoTimestamp:")]
    [InlineData("\"SigningKey\": \"main\", \"SECRET\": \"x\"", "TKI004", "is not an option.")]
    public void TheFilesSecretPutInAnotherOptionIsNeverQuoted(string profile, string id, string message)
    {
        var run = Run(File($$"""{ "Secret": "{{WordySecret}}" }""", profile.Replace("SECRET", WordySecret, StringComparison.Ordinal)));

        var d = Single(run, id);
        Says(d, message);
        Assert.DoesNotContain(WordySecret, d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void ARandomLookingSecretInAlgorithmIsNeverQuotedEvenWithoutAKeyInTheFile()
    {
        var run = Run($$"""{ "JwtIssuer": { "Profiles": { "Access": { "Algorithm": "{{RandomSecret}}" } } } }""");

        var d = Single(run, "TKI002");
        Says(d, $"JwtIssuer:Profiles:Access:Algorithm: (a value of {RandomSecret.Length} characters, not shown) is not an algorithm.");
        Assert.DoesNotContain(RandomSecret[..12], d.GetMessage(), StringComparison.Ordinal);
    }
}
