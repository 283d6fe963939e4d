using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Options;

namespace TokenIssuer.HardeningTests.KeyHygiene;

/// <summary>
/// Known key material driven through every error path and log message reachable: it must not appear in
/// any exception (message, inner exceptions, ToString), any log line, any CLI output, nor in
/// SigningKey.ToString() or a debugger display.
/// </summary>
public sealed class KeyMaterialLeakTests(ITestOutputHelper output)
{
    private readonly KeyMaterial _material = new();

    [Fact]
    public void TheScannerFindsEveryFormOfTheMaterial()
    {
        var m = _material;
        Assert.NotNull(m.FindIn("key: " + m.RsaPem));
        Assert.NotNull(m.FindIn(TestKeys.BodyLines(m.EcSec1Pem)[1][..20]));
        Assert.NotNull(m.FindIn("secret=" + KeyMaterial.SecretText));
        Assert.NotNull(m.FindIn(KeyMaterial.SecretBase64));
        Assert.NotNull(m.FindIn(Convert.ToHexStringLower(KeyMaterial.SecretBytes)));
        Assert.NotNull(m.FindIn(KeyMaterial.Passphrase));
        Assert.NotNull(m.FindIn(m.RsaJwk));
        Assert.Null(m.FindIn("JwtIssuer:Keys:Main:Pem: The PEM text has a \"PRIVATE KEY\" block that is not a valid private key."));
    }

    [Fact]
    public void EngineErrorsNeverQuoteKeyMaterial()
    {
        var m = _material;
        var texts = new List<(string What, string Text)>();
        void Expect(string what, Action act)
        {
            try
            {
                act();
                texts.Add((what + " (no error)", ""));
            }
            catch (Exception e)
            {
                texts.Add((what, e.ToString()));
                for (var inner = e.InnerException; inner is not null; inner = inner.InnerException) texts.Add((what + " inner", inner.Message));
            }
        }
        string Truncated(string pem) => pem[..(pem.Length * 2 / 3)] + "\n-----END PRIVATE KEY-----\n";
        string LineDropped(string pem) => string.Join("\n", pem.Split('\n').Where((_, i) => i != 3));

        foreach (var (name, pem) in new[] { ("rsa", m.RsaPem), ("rsa pkcs1", m.RsaPkcs1Pem), ("ec", m.EcPem), ("ec sec1", m.EcSec1Pem) })
        {
            Expect($"FromPem({name}, truncated)", () => SigningKey.FromPem(Truncated(pem)));
            Expect($"FromPem({name}, line dropped)", () => SigningKey.FromPem(LineDropped(pem)));
            Expect($"FromPem({name}, escaped newlines)", () => SigningKey.FromPem(pem.Replace("\n", "\\n")));
            Expect($"FromPem({name}, no markers)", () => SigningKey.FromPem(string.Join("\n", TestKeys.BodyLines(pem))));
            Expect($"FromPem({name}, wrong label)", () => SigningKey.FromPem(pem.Replace("PRIVATE KEY", pem.Contains("RSA") ? "EC PRIVATE KEY" : "RSA PRIVATE KEY")));
            Expect($"FromPem({name}, in quotes)", () => SigningKey.FromPem("\"" + pem.Replace("\n", "\\n") + "\""));
            Expect($"FromJsonWebTokenString({name} truncated) then RS256", () => JwtSigner.Sign(new Dictionary<string, object?>(), SigningKey.FromJsonWebTokenString(Truncated(pem)), new JwtSignOptions { Algorithm = JwtAlgorithm.RS256 }));
        }
        Expect("FromPem(encrypted, no passphrase)", () => SigningKey.FromPem(m.EncryptedPem));
        Expect("FromPem(encrypted, wrong passphrase)", () => SigningKey.FromPem(m.EncryptedPem, "wrong"));
        Expect("FromPem(encrypted, passphrase with a typo)", () => SigningKey.FromPem(m.EncryptedPem, KeyMaterial.Passphrase + "x"));
        Expect("FromPem(secret text)", () => SigningKey.FromPem(KeyMaterial.SecretText));
        Expect("FromBase64Secret(secret text)", () => SigningKey.FromBase64Secret(KeyMaterial.SecretText));
        Expect("FromBase64Secret(base64 with an intruder)", () => SigningKey.FromBase64Secret(KeyMaterial.SecretBase64.Insert(10, "%")));
        Expect("FromBase64Secret(base64 cut)", () => SigningKey.FromBase64Secret(KeyMaterial.SecretBase64[..^3]));
        Expect("FromJwk(oct, broken JSON)", () => SigningKey.FromJwk(TestKeys.OctJwk(KeyMaterial.SecretBytes).TrimEnd('}')));
        Expect("FromJwk(oct, k not base64url)", () => SigningKey.FromJwk("{\"kty\":\"oct\",\"k\":\"" + KeyMaterial.SecretText + "\"}"));
        Expect("FromJwk(oct, k of the wrong type)", () => SigningKey.FromJwk("{\"kty\":\"oct\",\"k\":[\"" + KeyMaterial.SecretBase64 + "\"]}"));
        Expect("FromJwk(rsa, d broken)", () => SigningKey.FromJwk(m.RsaJwk.Replace("\"d\":\"", "\"d\":\"AAAA")));
        Expect("FromJwk(rsa, JSON broken after d)", () => SigningKey.FromJwk(m.RsaJwk.Replace("\"p\":", "\"p\" ")));
        Expect("FromJwk(ec, wrong crv)", () => SigningKey.FromJwk(m.EcJwk.Replace("P-384", "P-256")));
        Expect("FromJwk(ec, unknown kty)", () => SigningKey.FromJwk(m.EcJwk.Replace("\"EC\"", "\"OKP\"")));
        Expect("FromJwk(PEM text)", () => SigningKey.FromJwk(m.EcPem));

        using var secret = SigningKey.FromSecret(KeyMaterial.SecretText);
        using var rsa = SigningKey.FromPem(m.RsaPem);
        using var ec = SigningKey.FromPem(m.EcPem);
        foreach (var (keyName, key) in new[] { ("secret", secret), ("rsa", rsa), ("ec", ec) })
        {
            foreach (var algorithm in Enum.GetValues<JwtAlgorithm>())
            {
                Expect($"Sign({keyName}, {algorithm})", () => JwtSigner.Sign(new Dictionary<string, object?>(), key, new JwtSignOptions { Algorithm = algorithm }));
                Expect($"Sign({keyName}, {algorithm}, invalid types allowed)", () => JwtSigner.Sign(new Dictionary<string, object?>(), key, new JwtSignOptions { Algorithm = algorithm, AllowInvalidAsymmetricKeyTypes = true }));
            }
            Expect($"Sign({keyName}, string payload with claims)", () => JwtSigner.Sign("x", key, new JwtSignOptions { Audience = "a" }));
            texts.Add(($"{keyName}.ToString()", key.ToString()!));
        }

        var leaks = texts.Select(t => (t.What, Found: m.FindIn(t.Text))).Where(t => t.Found is not null).ToList();
        output.WriteLine($"{texts.Count} exception texts and key descriptions checked");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Select(l => $"{l.What}: {l.Found}")));
    }

    [Fact]
    public async Task StartUpFailuresAndReloadLogsNeverQuoteKeyMaterial()
    {
        var m = _material;
        const string K = "JwtIssuer:Keys:Main:";
        var broken = new (string Name, Dictionary<string, string?> Key)[]
        {
            ("truncated PEM", new() { [K + "Pem"] = m.RsaPem[..400] + "\n-----END PRIVATE KEY-----" }),
            ("PEM with escaped newlines", new() { [K + "Pem"] = m.EcPem.Replace("\n", "\\n") }),
            ("encrypted PEM, wrong passphrase", new() { [K + "Pem"] = m.EncryptedPem, [K + "Passphrase"] = KeyMaterial.Passphrase + "!" }),
            ("encrypted PEM, no passphrase", new() { [K + "Pem"] = m.EncryptedPem }),
            ("secret as SecretBase64", new() { [K + "SecretBase64"] = KeyMaterial.SecretText }),
            ("two sources", new() { [K + "Pem"] = m.EcPem, [K + "Secret"] = KeyMaterial.SecretText }),
            ("JWK broken", new() { [K + "Jwk"] = m.RsaJwk[..300] }),
            ("RSA key for HS256", new() { [K + "Pem"] = m.RsaPem, ["JwtIssuer:Profiles:Api:Algorithm"] = "HS256" }),
            ("secret for ES384", new() { [K + "Secret"] = KeyMaterial.SecretText, ["JwtIssuer:Profiles:Api:Algorithm"] = "ES384" }),
            ("secret too short for HS512", new() { [K + "Secret"] = KeyMaterial.SecretText, ["JwtIssuer:Profiles:Api:Algorithm"] = "HS512" }),
            ("secret under an unknown option", new() { [K + "Secert"] = KeyMaterial.SecretText }),
            ("PEM under an unknown option", new() { [K + "Pme"] = m.EcPem }),
            ("secret as a list", new() { [K + "Secret:0"] = KeyMaterial.SecretText }),
        };

        var texts = new List<(string What, string Text)>();
        foreach (var (name, key) in broken)
        {
            var configuration = new Dictionary<string, string?>(key) { ["JwtIssuer:Profiles:Api:SigningKey"] = "Main" };
            var e = await TestHosts.StartFailsAsync(configuration);
            texts.Add(($"start-up: {name}", e.ToString()));
        }

        // A running host: rotations and rejected reloads are logged.
        await using var host = await TestHosts.StartAsync(new Dictionary<string, string?>
        {
            [K + "Secret"] = KeyMaterial.SecretText,
            ["JwtIssuer:Keys:Ec:Pem"] = m.EcPem,
            ["JwtIssuer:Profiles:Api:SigningKey"] = "Main",
            ["JwtIssuer:Profiles:Ec:SigningKey"] = "Ec",
        });
        host.Issuer.Issue("Api");
        foreach (var (name, key) in broken)
        {
            var changes = new Dictionary<string, string?>(key);
            changes.TryAdd(K + "Secret", null);
            host.Configuration.Change(changes.Select(p => (p.Key, p.Value)).ToArray());
            host.Configuration.Change([(K + "Pem", null), (K + "Passphrase", null), (K + "SecretBase64", null), (K + "Jwk", null), (K + "Secert", null), (K + "Pme", null), (K + "Secret:0", null), ("JwtIssuer:Profiles:Api:Algorithm", null), (K + "Secret", KeyMaterial.SecretText + "-rotated")]);
            try
            {
                host.Issuer.Issue("Api");
            }
            catch (JwtSigningException e)
            {
                texts.Add(($"issue after reload: {name}", e.ToString()));
            }
        }
        var logs = host.Logs.Records;
        Assert.NotEmpty(host.Logs.TokenIssuerEvents(3)); // reloads were rejected and logged
        Assert.Contains(logs, l => l.EventId == 2); // keys were rotated and logged
        texts.AddRange(logs.Select(l => ($"log {l.EventId} {l.Level}", l.AllText)));

        var leaks = texts.Select(t => (t.What, Found: m.FindIn(t.Text))).Where(t => t.Found is not null).ToList();
        output.WriteLine($"{broken.Length} broken keys at start-up and on reload; {logs.Count} log lines; {texts.Count} texts checked");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Select(l => $"{l.What}: {l.Found}")));
    }

    [Fact]
    public async Task DevelopmentKeysAreLoggedByPathNotByContent()
    {
        using var folder = new TempDirectory();
        await using var host = await TestHosts.StartAsync(new Dictionary<string, string?>
        {
            ["JwtIssuer:DevelopmentKeysDirectory"] = folder.Path,
            ["JwtIssuer:Profiles:Local:Algorithm"] = "ES256",
            ["JwtIssuer:Profiles:LocalHmac:Algorithm"] = "HS256",
        }, environment: "Development");
        host.Issuer.Issue("Local");
        var files = Directory.GetFiles(folder.Path);
        Assert.Equal(2, files.Length);
        var logs = host.Logs.Records;
        Assert.Contains(logs, l => l.EventId == 4);
        foreach (string file in files)
        {
            string content = File.ReadAllText(file);
            var windows = TestKeys.BodyLines(content).Concat([content.Trim()]).Where(w => w.Length >= 16).ToList();
            foreach (var log in logs)
            {
                Assert.DoesNotContain(windows, w => log.AllText.Contains(w[..16], StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void CommandLineErrorsNeverQuoteKeyMaterial()
    {
        var m = _material;
        var results = new List<(string What, CliResult Result)>
        {
            ("--secret with RS256", Cli.Run("sign", "--secret", KeyMaterial.SecretText, "--alg", "RS256")),
            ("--secret with ES256", Cli.Run("sign", "--secret", KeyMaterial.SecretText, "--alg", "ES256")),
            ("--secret-base64 not base64", Cli.Run("sign", "--secret-base64", KeyMaterial.SecretText)),
            ("--secret-base64 cut", Cli.Run("sign", "--secret-base64", KeyMaterial.SecretBase64[..^3])),
            ("--secret-env with HS512 claims", Cli.Run(["sign", "--secret-env", "HARDENING_SECRET", "--alg", "ES512"], environment: new Dictionary<string, string> { ["HARDENING_SECRET"] = KeyMaterial.SecretText })),
        };
        using var folder = new TempDirectory();
        foreach (var (name, content) in new[] { ("truncated.pem", m.RsaPem[..500]), ("escaped.pem", m.EcPem.Replace("\n", "\\n")), ("encrypted.pem", m.EncryptedPem), ("wrong-label.pem", m.EcPem.Replace("PRIVATE KEY", "RSA PRIVATE KEY")), ("broken.jwk", m.RsaJwk[..200]) })
        {
            string path = folder.WriteFile(name, content);
            results.Add(($"--key-file {name}", Cli.Run(["sign", "--key-file", path, "--passphrase-env", "HARDENING_PASS"], environment: new Dictionary<string, string> { ["HARDENING_PASS"] = "wrong" })));
            results.Add(($"decode --key-file {name}", Cli.Run("decode", "eyJhbGciOiJIUzI1NiJ9.e30.AAAA", "--key-file", path)));
        }
        string batch = string.Join("\n",
            $"{{\"id\":\"1\",\"now\":1700000000,\"payload\":{{}},\"key\":{System.Text.Json.JsonSerializer.Serialize(m.RsaPem[..600])},\"options\":{{\"algorithm\":\"RS256\"}}}}",
            $"{{\"id\":\"2\",\"now\":1700000000,\"payload\":{{}},\"key\":{System.Text.Json.JsonSerializer.Serialize(KeyMaterial.SecretText)},\"options\":{{\"algorithm\":\"ES256\"}}}}",
            $"{{\"id\":\"3\",\"now\":1700000000,\"payload\":{{}},\"key\":{System.Text.Json.JsonSerializer.Serialize(m.EcPem)},\"options\":{{\"algorithm\":\"HS256\"}}}}",
            $"{{\"id\":\"4\",\"now\":1700000000,\"payload\":{{}},\"key\":{System.Text.Json.JsonSerializer.Serialize(m.EcPem)},\"options\":{{\"algorithm\":\"RS256\",\"expiresIn\":\"1 mo\"}}}}",
            $"{{\"id\":\"5\",\"now\":1700000000,\"payload\":{{}},\"key\":\"{KeyMaterial.SecretText}") + "\n";
        results.Add(("sign --batch", Cli.Run(["sign", "--batch"], Encoding.UTF8.GetBytes(batch))));

        var leaks = results.Select(r => (r.What, Found: m.FindIn(r.Result.Stderr + "\n" + (r.What == "sign --batch" ? r.Result.StdoutText : "")))).Where(r => r.Found is not null).ToList();
        output.WriteLine($"{results.Count} command lines checked (stderr, and the batch answers)");
        Assert.All(results, r => Assert.False(r.Result.HasStackTrace, r.Result.Stderr));
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Select(l => $"{l.What}: {l.Found}")));
    }

    [Fact]
    public void KeysDescribeThemselvesWithoutMaterial()
    {
        var m = _material;
        using var secret = SigningKey.FromSecret(KeyMaterial.SecretText, keyId: "k1");
        using var rsa = SigningKey.FromPem(m.RsaPem);
        using var ec = SigningKey.FromJwk(m.EcJwk);
        foreach (var key in new[] { secret, rsa, ec })
        {
            Assert.Null(m.FindIn(key.ToString()));
            AssertNoDebuggerDisplayOfSecrets(key.GetType());
        }
        AssertNoDebuggerDisplayOfSecrets(typeof(JwtValidationKey));
        AssertNoDebuggerDisplayOfSecrets(typeof(JwtKeyOptions));
        Assert.Equal("Symmetric key (336 bits, kid \"k1\")", secret.ToString());
        Assert.Equal("Rsa key (2048 bits)", rsa.ToString());
        Assert.Equal("EllipticCurve key (384 bits)", ec.ToString());

        // Records print their members: the internal records that hold keys print the key's description only.
        var loaded = new LoadedKey("Main", secret, "k1", null);
        Assert.Null(m.FindIn(loaded.ToString()));
        Assert.Null(m.FindIn(new JwtKeyOptions { Secret = KeyMaterial.SecretText, Passphrase = KeyMaterial.Passphrase }.ToString()));
    }

    /// <summary>A [DebuggerDisplay] may not name a member that holds key material; without one the debugger shows ToString(), checked above.</summary>
    private static void AssertNoDebuggerDisplayOfSecrets(Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            if (t.GetCustomAttribute<DebuggerDisplayAttribute>() is { } display)
            {
                foreach (string forbidden in new[] { "secret", "Secret", "_rsa", "_ecdsa", "Pem", "Passphrase", "ExportPrivateKey", "D}" })
                {
                    Assert.DoesNotContain(forbidden, display.Value);
                }
            }
        }
    }
}
