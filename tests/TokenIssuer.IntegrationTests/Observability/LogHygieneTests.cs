using System.Buffers.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TokenIssuer.IntegrationTests.Observability;

/// <summary>
/// Nothing TokenIssuer logs (start-up, development keys, rotations, rejected reloads) contains a secret,
/// a passphrase, a JWK's private members or a line of a PEM.
/// </summary>
public sealed class LogHygieneTests
{
    private const string Secret = "log-hygiene-secret-0123456789-abcdefghij";
    private const string RotatedSecret = "log-hygiene-rotated-secret-9876543210-zyx";
    private const string ShortSecret = "short-secret-xyz";
    private const string Passphrase = "log hygiene passphrase";
    private const string WrongPassphrase = "wrong hygiene passphrase";

    [Fact]
    public async Task Logs_NeverContainKeyMaterial()
    {
        using var root = new TempDirectory();
        using var devKeys = new TempDirectory();
        string pem = TestKeys.Pem(TestKeys.Rsa2048);
        string filePem = TestKeys.Pem(TestKeys.EcP256);
        string encryptedPem = TestKeys.EncryptedPem(TestKeys.EcP384, Passphrase);
        string octK = Base64Url.EncodeToString(TestKeys.Secret64);
        root.WriteFile("keys/file.pem", filePem);

        var builder = Hosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:DevelopmentKeysDirectory"] = devKeys.Path,
            ["JwtIssuer:Keys:Secret:Secret"] = Secret,
            ["JwtIssuer:Keys:Pem:Pem"] = pem,
            ["JwtIssuer:Keys:File:PemFile"] = "keys/file.pem",
            ["JwtIssuer:Keys:Encrypted:Pem"] = encryptedPem,
            ["JwtIssuer:Keys:Encrypted:Passphrase"] = Passphrase,
            ["JwtIssuer:Keys:Jwk:Jwk"] = $"{{\"kty\":\"oct\",\"k\":\"{octK}\"}}",
            ["JwtIssuer:Profiles:Secret:SigningKey"] = "Secret",
            ["JwtIssuer:Profiles:Pem:SigningKey"] = "Pem",
            ["JwtIssuer:Profiles:File:SigningKey"] = "File",
            ["JwtIssuer:Profiles:Encrypted:SigningKey"] = "Encrypted",
            ["JwtIssuer:Profiles:Jwk:SigningKey"] = "Jwk",
            ["JwtIssuer:Profiles:Jwk:Algorithm"] = "HS512",
            ["JwtIssuer:Profiles:Dev:Algorithm"] = "HS256",
        }, environment: "Development", contentRoot: root.Path);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddJwtIssuer();
        await using var host = await Hosts.StartAsync(builder);

        foreach (string profile in host.Issuer.Profiles) host.Issuer.Issue(profile);

        // A valid rotation, then invalid reloads of every kind of key, each rejected with an error log.
        host.Reload(("JwtIssuer:Keys:Secret:Secret", RotatedSecret));
        host.Reload(("JwtIssuer:Keys:Secret:Secret", ShortSecret));
        host.Reload(("JwtIssuer:Keys:Secret:Secret", RotatedSecret), ("JwtIssuer:Keys:Pem:Pem", string.Join("\n", pem.Split('\n').Take(12))));
        host.Reload(("JwtIssuer:Keys:Pem:Pem", pem), ("JwtIssuer:Keys:Encrypted:Passphrase", WrongPassphrase));
        host.Reload(("JwtIssuer:Keys:Encrypted:Passphrase", Passphrase), ("JwtIssuer:Keys:Jwk:Jwk", $"{{\"kty\":\"oct\",\"k\":\"{octK}\""));
        host.Reload(("JwtIssuer:Keys:Jwk:Jwk", $"{{\"kty\":\"oct\",\"k\":\"{octK}\"}}"), ("JwtIssuer:Keys:Secret:Secrte", Secret));
        host.Reload(("JwtIssuer:Keys:Secret:Secrte", null));
        root.WriteFile("keys/file.pem", TestKeys.PublicPem(TestKeys.EcP256));
        host.Runtime.Reload();
        foreach (string profile in host.Issuer.Profiles) host.Issuer.Issue(profile);

        var logs = host.Logs.GetSnapshot();
        Assert.Contains(logs, r => r.Id.Id == 1);
        Assert.Contains(logs, r => r.Id.Id == 2);
        Assert.Contains(logs, r => r.Id.Id == 4);
        Assert.Contains(logs, r => r.Id.Id == 5);
        Assert.True(logs.Count(r => r.Id.Id == 3) >= 6, $"expected the six invalid reloads to be logged, got:\n{string.Join("\n", logs.Select(r => r.Message))}");

        var material = new List<string> { Secret, RotatedSecret, ShortSecret, Passphrase, WrongPassphrase, octK, TestKeys.Secret64Base64 };
        material.AddRange(TestKeys.BodyLines(pem));
        material.AddRange(TestKeys.BodyLines(filePem));
        material.AddRange(TestKeys.BodyLines(encryptedPem));
        material.AddRange(Directory.GetFiles(devKeys.Path).Select(File.ReadAllText));

        foreach (var record in logs)
        {
            string text = record.Message + "\n" + record.Exception + "\n"
                + string.Join("\n", record.StructuredState?.Select(p => p.Key + "=" + p.Value) ?? []);
            foreach (string secret in material)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"log {record.Id} repeats key material \"{secret}\":\n{text}");
            }
        }
    }
}
