using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TokenIssuer.HardeningTests.Garbage;

/// <summary>
/// AddJwtIssuer over configuration with random and mutated values, unknown and mis-shaped options,
/// strange profile and key names: the only failure is an OptionsValidationException whose every
/// message names the JwtIssuer: path of the mistake; a configuration that passes validation issues
/// tokens from every profile.
/// </summary>
public sealed class ConfigurationGarbageTests(ITestOutputHelper output)
{
    private const int Cases = 400;

    private static readonly string[] Garbage =
    [
        "", " ", "none", "None", "HS256 ", "hs256", "RS256", "ES512", "PS384", "0", "-1", "1e400", "NaN", "9999999999",
        "15m", "15 minuets", "1 mo", "-5m", "2 days", "300", "true", "True", "yes", "false", "null", "{}", "[]", "é", "\u00A0",
        "\u0000", "a\u0000b", "../../../../etc/passwd", "/dev/null", "/", "keys/missing.pem", "C:\\keys\\x.pem", "%%%not-base64%%%",
        "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----", "-----BEGIN PUBLIC KEY-----", "{\"kty\":\"oct\",\"k\":\"\"}",
        "{\"kty\":", "string", "Int", "System.Guid?", "string[]?", "IEnumerable<int>", new string('x', 10_000), "😀",
        // Two more classes of garbage are left to the targeted tests below, which carry their bugs:
        // lone surrogates in profile text ("\uD800") and lifetimes too long for a TimeSpan ("9999…9").
    ];

    private static readonly string[] Names = ["Algorithm", "SigningKey", "ExpiresIn", "NotBefore", "Audience", "Issuer", "Subject", "JwtId", "KeyId",
        "NoTimestamp", "Header", "Claims", "Parameters", "AllowInsecureKeySizes", "AllowInvalidAsymmetricKeyTypes", "Pem", "PemFile", "Secret",
        "SecretBase64", "Jwk", "Passphrase", "ExpireIn", "Algoritm", "Secrte", "typ", "alg", "crit", "kid", "iss", "exp", "sub", "", " ", "é", "0"];

    private static Dictionary<string, string?> Valid() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["JwtIssuer:Keys:hs:Secret"] = "a-secret-of-at-least-32-bytes-length!!",
        ["JwtIssuer:Keys:es:Pem"] = TestKeys.Pkcs8Pem(TestKeys.P256),
        ["JwtIssuer:Keys:b64:SecretBase64"] = Convert.ToBase64String(TestKeys.Secret64),
        ["JwtIssuer:Keys:jwk:Jwk"] = TestKeys.OctJwk(TestKeys.Secret64, kid: "jwk-1"),
        ["JwtIssuer:Profiles:Access:Algorithm"] = "ES256",
        ["JwtIssuer:Profiles:Access:SigningKey"] = "es",
        ["JwtIssuer:Profiles:Access:ExpiresIn"] = "15m",
        ["JwtIssuer:Profiles:Access:NotBefore"] = "0",
        ["JwtIssuer:Profiles:Access:Issuer"] = "https://id.example.com",
        ["JwtIssuer:Profiles:Access:Audience:0"] = "orders-api",
        ["JwtIssuer:Profiles:Access:Audience:1"] = "billing-api",
        ["JwtIssuer:Profiles:Access:Header:typ"] = "at+jwt",
        ["JwtIssuer:Profiles:Access:Claims:scope"] = "orders.read",
        ["JwtIssuer:Profiles:Access:Parameters:sub"] = "string",
        ["JwtIssuer:Profiles:Access:Parameters:tenant_id"] = "Guid",
        ["JwtIssuer:Profiles:Refresh:Algorithm"] = "HS256",
        ["JwtIssuer:Profiles:Refresh:SigningKey"] = "hs",
        ["JwtIssuer:Profiles:Refresh:ExpiresIn"] = "30 days",
        ["JwtIssuer:Profiles:Refresh:NoTimestamp"] = "false",
        ["JwtIssuer:Profiles:Default:SigningKey"] = "b64",
        ["JwtIssuer:Profiles:FromJwk:SigningKey"] = "jwk",
        ["JwtIssuer:Profiles:FromJwk:Algorithm"] = "HS512",
        ["JwtIssuer:Profiles:FromJwk:Subject"] = "service",
        ["JwtIssuer:Profiles:FromJwk:JwtId"] = "fixed",
        ["JwtIssuer:Profiles:FromJwk:KeyId"] = "kid-override",
    };

    [Fact]
    public void TheValidBaseConfigurationIssuesFromEveryProfile()
    {
        var outcome = Run(Valid(), fromSection: true);
        Assert.True(outcome.Exception is null, outcome.Exception?.ToString());
        Assert.Equal(4, outcome.Issued);
    }

    [Fact]
    public void MutatedConfigurationFailsOnlyWithOptionsValidationExceptionsNamingAPath()
    {
        var random = new Random(Seeds.ConfigurationValues);
        var failures = new Failures();
        int valid = 0, refused = 0, messages = 0;
        for (int i = 0; i < Cases; i++)
        {
            var values = Valid();
            var applied = new List<string>();
            for (int n = random.Next(1, 4); n > 0; n--) applied.Add(Mutate(values, random));
            string description = string.Join(" | ", applied);

            var outcome = Run(values, fromSection: i % 2 == 0);
            switch (outcome.Exception)
            {
                case null:
                    valid++;
                    break;
                case OptionsValidationException e:
                    refused++;
                    messages += e.Failures.Count();
                    foreach (string message in e.Failures)
                    {
                        if (!message.StartsWith("JwtIssuer:", StringComparison.Ordinal)) failures.Add(description, $"message without a JwtIssuer: path: {Failures.Describe(message)}");
                    }
                    if (!e.Failures.Any()) failures.Add(description, "OptionsValidationException without a message");
                    break;
                case var e:
                    failures.Add(description, $"{e.GetType().FullName} at {outcome.Stage}: {e.Message}");
                    break;
            }
        }
        output.WriteLine($"AddJwtIssuer over mutated configuration: {Cases} configurations ({valid} valid and issued from every profile, {refused} refused with {messages} messages)");
        failures.AssertNone("configurations broke AddJwtIssuer");
// One to three mutations of 23 values: removing an optional value, upper-casing a key (configuration
        // keys are case-insensitive) or adding a valid profile keeps a configuration valid; garbage in a key does not.
        Assert.True(valid >= 60, $"only {valid} of {Cases} mutated configurations started and issued: removed optional values and upper-cased keys must");
        Assert.True(refused >= 100, $"only {refused} of {Cases} mutated configurations were refused: the mutations must still make garbage");
    }

    /// <summary>
    /// Text that UTF-8 cannot carry (a lone surrogate) in any profile value that ends up in the token must be
    /// refused at start-up, naming its path — not accepted, and then fail every Issue() of the profile.
    /// </summary>
    [Theory]
    [InlineData("JwtIssuer:Profiles:Access:Issuer")]
    [InlineData("JwtIssuer:Profiles:Access:Audience:0")]
    [InlineData("JwtIssuer:Profiles:Access:Claims:scope")]
    [InlineData("JwtIssuer:Profiles:FromJwk:Subject")]
    [InlineData("JwtIssuer:Profiles:FromJwk:JwtId")]
    [InlineData("JwtIssuer:Profiles:FromJwk:KeyId")]
    [InlineData("JwtIssuer:Profiles:Access:Header:typ")]
    [InlineData("JwtIssuer:Profiles:Access:Header:x-\uD800")]
    [InlineData("JwtIssuer:Keys:es:KeyId")]
    public void UnencodableProfileTextIsRefusedAtStartUpWithItsPath(string path)
    {
        var values = Valid();
        path = path.Replace("\\uD800", "\uD800");
        values[path] = "x\uD800y";
        var outcome = Run(values, fromSection: true);
        var e = RefusedAtStartUp(outcome);
        string prefix = path.StartsWith("JwtIssuer:Keys:", StringComparison.Ordinal) ? "JwtIssuer:" : path[..path.IndexOf(":", "JwtIssuer:Profiles:".Length, StringComparison.Ordinal)];
        Assert.Contains(e.Failures, f => f.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>
    /// A unit-less lifetime is seconds; one too long for a TimeSpan must be refused at start-up (or
    /// work), not pass validation and then crash the issuer with an OverflowException.
    /// </summary>
    [Theory]
    [InlineData("99999999999999999999999999")]
    [InlineData("9999999999999999 years")]
    [InlineData("1000000000000")]
    [InlineData("100 years")]
    public void LifetimesBeyondATimeSpanAreRefusedAtStartUpOrWork(string expiresIn)
    {
        var values = Valid();
        values["JwtIssuer:Profiles:Access:ExpiresIn"] = expiresIn;
        var outcome = Run(values, fromSection: true);
        if (outcome.Exception is null) return;
        var e = RefusedAtStartUp(outcome);
        Assert.Contains(e.Failures, f => f.StartsWith("JwtIssuer:Profiles:Access:ExpiresIn:", StringComparison.Ordinal));
    }

    /// <summary>A PemFile path no file system accepts (a NUL character) is a configuration mistake with a path, not an ArgumentException.</summary>
    [Theory]
    [InlineData("keys/a\0b.pem")]
    [InlineData("\0")]
    public void PemFilePathsTheFileSystemRefusesAreReportedWithTheirPath(string path)
    {
        var values = Valid();
        values.Remove("JwtIssuer:Keys:es:Pem");
        values["JwtIssuer:Keys:es:PemFile"] = path.Replace("\\0", "\0");
        var outcome = Run(values, fromSection: true);
        var e = RefusedAtStartUp(outcome);
        Assert.Contains(e.Failures, f => f.StartsWith("JwtIssuer:Keys:es:PemFile:", StringComparison.Ordinal));
    }

    private static OptionsValidationException RefusedAtStartUp(Outcome outcome)
        => outcome.Exception as OptionsValidationException ?? throw new Xunit.Sdk.XunitException(outcome.Exception is null
            ? $"accepted and issued from {outcome.Issued} profiles"
            : $"{outcome.Exception.GetType().FullName} at {outcome.Stage}: {outcome.Exception.Message}");

    private sealed record Outcome(Exception? Exception, string Stage, int Issued);

    private static Outcome Run(Dictionary<string, string?> values, bool fromSection)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        if (fromSection) services.AddJwtIssuer(configuration.GetSection("JwtIssuer"));
        else services.AddJwtIssuer();
        using var provider = services.BuildServiceProvider();
        string stage = "options validation";
        int issued = 0;
        try
        {
            _ = provider.GetRequiredService<IOptions<JwtIssuerOptions>>().Value;
            stage = "issuer construction";
            var issuer = provider.GetRequiredService<IJwtIssuer>();
            stage = "issuing";
            foreach (string profile in issuer.Profiles)
            {
                // The callback path: a dictionary would be checked against the profile's declared Parameters, which mutations change.
                new Jwt(issuer.Issue(profile, 1, static (writer, n) => writer.WriteNumber("n", n)));
                issued++;
            }
            return new Outcome(null, stage, issued);
        }
        catch (Exception e)
        {
            return new Outcome(e, stage, issued);
        }
    }

    private static string Mutate(Dictionary<string, string?> values, Random random)
    {
        var keys = values.Keys.ToList();
        string key = keys[random.Next(keys.Count)];
        switch (random.Next(8))
        {
            case 0:
            case 1:
            {
                string value = Garbage[random.Next(Garbage.Length)];
                values[key] = value;
                return $"{key} = {Failures.Describe(value)}";
            }
            case 2:
                values.Remove(key);
                return $"removed {key}";
            case 3:
            {
                // A list where a value belongs (or the other way round).
                string? value = values[key];
                values.Remove(key);
                values[key + ":0"] = value;
                return $"{key} as a list";
            }
            case 4:
            {
                string parent = key[..key.LastIndexOf(':')];
                string name = Names[random.Next(Names.Length)];
                values[$"{parent}:{name}"] = Garbage[random.Next(Garbage.Length)];
                return $"{parent}:{name} added";
            }
            case 5:
            {
                // A value on a section that has children.
                string parent = key[..key.LastIndexOf(':')];
                values[parent] = Garbage[random.Next(Garbage.Length)];
                return $"{parent} given a value";
            }
            case 6:
            {
                string name = new[] { " ", "a b", "é", "1abc", "class", "x\u0000y", "Access", "ACCESS", "refresh" }[random.Next(9)];
                values[$"JwtIssuer:Profiles:{name}:SigningKey"] = new[] { "hs", "es", "HS", "missing", "" }[random.Next(5)];
                return $"profile \"{Failures.Describe(name)}\" added";
            }
            default:
            {
                // The same option spelled with another case (configuration keys are case-insensitive).
                string upper = key.ToUpperInvariant();
                string? value = values[key];
                values.Remove(key);
                values[upper] = value;
                return $"{key} upper-cased";
            }
        }
    }
}
