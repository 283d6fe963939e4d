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
    public async Task LogsNeverContainKeyMaterial()
    {
        using var root = new TempDirectory();
        using var devKeys = new TempDirectory();
        string pem = KeyFiles.Pem(KeyFiles.Rsa2048);
        string filePem = KeyFiles.Pem(KeyFiles.EcP256);
        string encryptedPem = KeyFiles.EncryptedPem(KeyFiles.EcP384, Passphrase);
        string octK = Base64Url.EncodeToString(TestKeys.Secret64);
        root.WriteFile("keys/file.pem", filePem);

        var builder = TestHosts.Builder(new Dictionary<string, string?>
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
        await using var host = await TestHosts.StartAsync(builder);

        foreach (string profile in host.Issuer.Profiles) host.Issuer.Issue(profile);

        // A valid rotation, then invalid reloads of every kind of key, each rejected with an error log.
        host.Configuration.Change(("JwtIssuer:Keys:Secret:Secret", RotatedSecret));
        host.Configuration.Change(("JwtIssuer:Keys:Secret:Secret", ShortSecret));
        host.Configuration.Change(("JwtIssuer:Keys:Secret:Secret", RotatedSecret), ("JwtIssuer:Keys:Pem:Pem", string.Join("\n", pem.Split('\n').Take(12))));
        host.Configuration.Change(("JwtIssuer:Keys:Pem:Pem", pem), ("JwtIssuer:Keys:Encrypted:Passphrase", WrongPassphrase));
        host.Configuration.Change(("JwtIssuer:Keys:Encrypted:Passphrase", Passphrase), ("JwtIssuer:Keys:Jwk:Jwk", $"{{\"kty\":\"oct\",\"k\":\"{octK}\""));
        host.Configuration.Change(("JwtIssuer:Keys:Jwk:Jwk", $"{{\"kty\":\"oct\",\"k\":\"{octK}\"}}"), ("JwtIssuer:Keys:Secret:Secrte", Secret));
        host.Configuration.Change(("JwtIssuer:Keys:Secret:Secrte", null));
        root.WriteFile("keys/file.pem", KeyFiles.PublicPem(KeyFiles.EcP256));
        host.Runtime.Reload();
        foreach (string profile in host.Issuer.Profiles) host.Issuer.Issue(profile);

        var logs = host.Logs.Records;
        Assert.NotEmpty(host.Logs.TokenIssuerEvents(1));
        Assert.NotEmpty(host.Logs.TokenIssuerEvents(2));
        Assert.NotEmpty(host.Logs.TokenIssuerEvents(4));
        Assert.NotEmpty(host.Logs.TokenIssuerEvents(5));
        Assert.True(host.Logs.TokenIssuerEvents(3).Count >= 6, $"expected the six invalid reloads to be logged, got:\n{string.Join("\n", logs.Select(r => r.Message))}");

        var material = new List<string> { Secret, RotatedSecret, ShortSecret, Passphrase, WrongPassphrase, octK, TestKeys.Secret64Base64 };
        material.AddRange(TestKeys.BodyLines(pem));
        material.AddRange(TestKeys.BodyLines(filePem));
        material.AddRange(TestKeys.BodyLines(encryptedPem));
        material.AddRange(Directory.GetFiles(devKeys.Path).Select(File.ReadAllText));

        foreach (var record in logs)
        {
            string text = record.Message + "\n" + record.Exception + "\n" + string.Join("\n", record.StateValues);
            foreach (string secret in material)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"log {record.EventId} repeats key material \"{secret}\":\n{text}");
            }
        }
    }
}
