using System.Security.Cryptography;
using System.Text;

namespace TokenIssuer.HardeningTests.Garbage;

/// <summary>
/// The key loaders (SigningKey.FromPem / FromJwk / FromBase64Secret / FromJsonWebTokenString / FromPemFile)
/// fed with truncated PEM, mutated text, mutated DER and wrong base64: each call gives a key (which then
/// signs or refuses with a JwtSigningException) or a JwtSigningException — never another exception.
/// </summary>
public sealed class KeyLoaderGarbageTests(ITestOutputHelper output)
{
    private const int MutationsPerPem = 120;

    private static readonly Lazy<(string Name, string Pem, string? Passphrase)[]> Pems = new(() =>
    [
        ("rsa pkcs8", TestKeys.Pkcs8Pem(TestKeys.Rsa2048), null),
        ("rsa pkcs1", TestKeys.Pkcs1Pem(TestKeys.Rsa2048), null),
        ("rsa-pss pkcs8 sha256", TestKeys.RsaPssPem(TestKeys.Rsa2048, 256, 32), null),
        ("rsa-pss pkcs8 no params", TestKeys.RsaPssPem(TestKeys.Rsa2048, 0, 0), null),
        ("ec p256 pkcs8", TestKeys.Pkcs8Pem(TestKeys.P256), null),
        ("ec p384 sec1", TestKeys.Sec1Pem(TestKeys.P384), null),
        ("ec p521 pkcs8", TestKeys.Pkcs8Pem(TestKeys.P521), null),
        ("encrypted ec", TestKeys.EncryptedPem(TestKeys.P256), TestKeys.Passphrase),
        ("encrypted rsa", TestKeys.EncryptedPem(TestKeys.Rsa2048), TestKeys.Passphrase),
        ("legacy encrypted rsa", KeyFiles.Pem("rsa2048-legacy-aes256.pem"), LegacyPassphrase),
        ("legacy encrypted rsa des3", KeyFiles.Pem("rsa2048-legacy-des3.pem"), LegacyPassphrase),
        ("legacy encrypted ec", KeyFiles.Pem("ec-p256-legacy-aes256.pem"), LegacyPassphrase),
        ("ec p384 explicit sec1", KeyFiles.Pem("ec-p384-explicit-private-sec1.pem"), null),
        ("ed25519", TestKeys.Ed25519Pem, null),
        ("dsa", KeyFiles.Pem("dsa2048-private.pem"), null),
        ("openssh", KeyFiles.Pem("openssh-ed25519-private.pem"), null),
        ("public ec", TestKeys.PublicPem(TestKeys.P256), null),
    ]);

    private const string LegacyPassphrase = "legacy-test-passphrase";

    private static readonly string[] Unloadable = ["ed25519", "dsa", "openssh", "public ec"];

    [Fact]
    public void MutatedPemsGiveAKeyOrAJwtSigningException()
    {
        var random = new Random(Seeds.KeyLoaders);
        var failures = new Failures();
        var originals = new Outcomes();
        foreach (var (name, pem, passphrase) in Pems.Value.Where(p => !Unloadable.Contains(p.Name)))
        {
            originals.Record(Try(failures, $"FromPem({name}, unchanged)", pem, () => SigningKey.FromPem(pem, passphrase)));
        }
        var counts = new Dictionary<string, Outcomes>();
        var loaded = new Outcomes();
        foreach (var (name, pem, passphrase) in Pems.Value)
        {
            for (int i = 0; i < MutationsPerPem; i++)
            {
                // A legacy encrypted PEM's headers are not RFC 7468, so its mutations are all textual.
                var (kind, text) = i % 2 == 0 || pem.Contains("Proc-Type:", StringComparison.Ordinal) ? MutateText(pem, random) : MutateDer(pem, random);
                string? usePassphrase = random.Next(4) switch { 0 => null, 1 => "wrong passphrase", _ => passphrase };
                bool key = loaded.Record(Try(failures, $"FromPem({name}, {kind})", text, () => SigningKey.FromPem(text, usePassphrase)));
                (counts.TryGetValue(kind, out var outcomes) ? outcomes : counts[kind] = new Outcomes()).Record(key);
                Try(failures, $"FromJsonWebTokenString({name}, {kind})", text, () => SigningKey.FromJsonWebTokenString(text));
            }
        }
        output.WriteLine($"FromPem and FromJsonWebTokenString: {Pems.Value.Length} PEMs × {MutationsPerPem} mutations = {Pems.Value.Length * MutationsPerPem} inputs each (FromPem: {loaded})");
        foreach (var (kind, outcomes) in counts.OrderBy(c => c.Key)) output.WriteLine($"  {kind}: {outcomes}");
        failures.AssertNone("inputs escaped the key loaders with an exception other than JwtSigningException");
        originals.AssertAllSucceeded("the unmutated private keys (PKCS#8, PKCS#1, SEC 1, RSASSA-PSS, explicit EC parameters, encrypted and legacy encrypted with their passphrase) are valid");
        // Two of the eleven text mutations keep the DER intact (CRLF and indentation, a doubled BEGIN line):
        // about 120 inputs, nine in eleven of them loadable keys; trailing DER bytes often load too.
        loaded.AssertSucceededAtLeast(60, "mutations that keep the DER intact still give a key");
    }

    /// <summary>RSASSA-PSS parameters with values no parser expects: a salt length beyond any integer, unknown hashes.</summary>
    [Theory]
    [InlineData("1")]
    [InlineData("2147483647")]
    [InlineData("2147483648")]
    [InlineData("1099511627776")]
    [InlineData("-1")]
    [InlineData("340282366920938463463374607431768211456")]
    public void PssKeysWithExtremeSaltLengthsGiveAKeyOrAJwtSigningException(string salt)
    {
        string pem = TestKeys.RsaPssPem(TestKeys.Rsa2048, 256, System.Numerics.BigInteger.Parse(salt));
        var failures = new Failures();
        Try(failures, $"FromPem(rsa-pss, saltLength {salt})", pem, () => SigningKey.FromPem(pem));
        Try(failures, $"FromJsonWebTokenString(rsa-pss, saltLength {salt})", pem, () => SigningKey.FromJsonWebTokenString(pem));
        failures.AssertNone("RSASSA-PSS keys escaped the key loaders with an exception other than JwtSigningException");
    }

    [Fact]
    public void GarbageBase64SecretsGiveASecretOrAJwtSigningException()
    {
        var random = new Random(Seeds.KeyLoaders + 1);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=";
        string[] intruders = [" ", "\t", "\n", "\r\n", "%", "!", "é", "\u00A0", "\u0000", "==", "=", "\uD800", "😀", "\\n", "\""];
        var failures = new Failures();
        string canonical = Convert.ToBase64String(TestKeys.Secret64);
        Assert.True(Try(failures, "FromBase64Secret(canonical)", canonical, () => SigningKey.FromBase64Secret(canonical)), "the canonical base64 of a 64-byte secret was refused");
        var accepted = new Outcomes();
        for (int i = 0; i < 1500; i++)
        {
            int length = random.Next(0, 120);
            var builder = new StringBuilder();
            for (int j = 0; j < length; j++) builder.Append(alphabet[random.Next(alphabet.Length)]);
            if (random.Next(2) == 0) builder.Insert(random.Next(builder.Length + 1), intruders[random.Next(intruders.Length)]);
            string text = builder.ToString();
            accepted.Record(Try(failures, "FromBase64Secret", text, () => SigningKey.FromBase64Secret(text)));
        }
        output.WriteLine($"FromBase64Secret: {accepted.Total} inputs ({accepted.Succeeded} decoded to a secret)");
        failures.AssertNone("base64 inputs escaped FromBase64Secret with an exception other than JwtSigningException");
        // Half the inputs carry no intruder: strings of the base64 and base64url alphabets, a quarter of which
        // have a length that needs no padding.
        accepted.AssertSucceededAtLeast(150, "clean base64 of a suitable length decodes to a secret");
    }

    [Fact]
    public void MutatedJwksGiveAKeyOrAJwtSigningException()
    {
        var random = new Random(Seeds.KeyLoaders + 2);
        string[] jwks =
        [
            TestKeys.PrivateJwk(TestKeys.Rsa2048, kid: "r1", alg: "RS256"),
            TestKeys.PrivateJwk(TestKeys.P256, kid: "e1"),
            TestKeys.PrivateJwk(TestKeys.P384, alg: "ES384"),
            TestKeys.PrivateJwk(TestKeys.P521),
            TestKeys.OctJwk(TestKeys.Secret64, kid: "h1"),
            TestKeys.PublicJwk(TestKeys.P256),
        ];
        string[] replacements = ["null", "1", "-1", "1e400", "true", "[]", "{}", "\"\"", "\"AA\"", "\"%%%\"", "\"RSA\"", "\"EC\"", "\"oct\"", "\"P-256\"", "\"P-521\"", "\"secp256k1\"", "\"none\"", "\"HS256\"", "\"ES512\"", "\"\\ud800\"", "\"" + new string('A', 5000) + "\""];
        var failures = new Failures();
        var originals = new Outcomes();
        foreach (string jwk in jwks[..^1]) originals.Record(Try(failures, "FromJwk(unchanged)", jwk, () => SigningKey.FromJwk(jwk)));
        var loaded = new Outcomes();
        foreach (string jwk in jwks)
        {
            for (int i = 0; i < 250; i++)
            {
                string text = MutateJson(jwk, random, replacements);
                loaded.Record(Try(failures, "FromJwk", text, () => SigningKey.FromJwk(text)));
            }
        }
        var extremes = new Outcomes();
        foreach (string text in new[] { "", " ", "null", "[]", "\"k\"", "{", new string('[', 10_000), new string('{', 5000), "{\"kty\":\"oct\",\"k\":\"\"}", "{\"kty\":\"oct\",\"k\":\"AA\",\"kty\":\"RSA\"}" })
        {
            extremes.Record(Try(failures, "FromJwk", text, () => SigningKey.FromJwk(text)));
        }
        output.WriteLine($"FromJwk: {loaded.Total + extremes.Total} inputs ({loaded.Succeeded} mutations still loaded)");
        failures.AssertNone("JWK inputs escaped FromJwk with an exception other than JwtSigningException");
        originals.AssertAllSucceeded("the unmutated private JWKs (RSA, EC on every curve, oct) are valid");
        // One mutation in 36 leaves a JWK as it was (an empty prefix on kty), five JWKs in six are private
        // keys (about 35 inputs), and a replaced kid or alg, or a removed optional member, often keeps it loadable.
        loaded.AssertSucceededAtLeast(50, "mutations that keep a private JWK whole still give a key");
    }

    [Fact]
    public void UnreadableKeyFilesGiveAJwtSigningException()
    {
        using var folder = new TempDirectory();
        string directory = folder.Path;
        string empty = Path.Combine(directory, "empty.pem");
        File.WriteAllBytes(empty, []);
        string binary = Path.Combine(directory, "binary.pem");
        File.WriteAllBytes(binary, Enumerable.Range(0, 4096).Select(i => (byte)(i * 31)).ToArray());
        var failures = new Failures();
        foreach (string path in new[] { directory, Path.Combine(directory, "missing.pem"), empty, binary, Path.Combine(directory, "a\0b.pem"), "" })
        {
            Try(failures, "FromPemFile", path, () => SigningKey.FromPemFile(path), mustFail: true);
        }
        output.WriteLine("FromPemFile: 6 inputs (a directory, a missing file, an empty file, a binary file, a NUL in the path, an empty path)");
        failures.AssertNone("key file paths escaped FromPemFile with an exception other than JwtSigningException");
    }

    /// <summary>Calls the loader; a key it returns must sign (or refuse with JwtSigningException) with its default algorithm.</summary>
    private static bool Try(Failures failures, string target, string input, Func<SigningKey> load, bool mustFail = false)
    {
        SigningKey key;
        try
        {
            key = load();
        }
        catch (JwtSigningException)
        {
            return false;
        }
        catch (Exception e)
        {
            failures.Add(input, $"{target}: {e.GetType().FullName}: {e.Message}");
            return false;
        }
        using (key)
        {
            if (mustFail) failures.Add(input, $"{target}: loaded a key from an unusable input");
            try
            {
                JwtSigner.Sign(new Dictionary<string, object?> { ["a"] = 1 }, key);
            }
            catch (JwtSigningException)
            {
            }
            catch (Exception e)
            {
                failures.Add(input, $"{target} then Sign: {e.GetType().FullName}: {e.Message}");
            }
        }
        return true;
    }

    private static (string Kind, string Text) MutateText(string pem, Random random)
    {
        var lines = pem.Split('\n').ToList();
        switch (random.Next(11))
        {
            case 0: return ("truncated", pem[..random.Next(pem.Length)]);
            case 1:
                lines.RemoveAt(random.Next(lines.Count));
                return ("line removed", string.Join('\n', lines));
            case 2:
            {
                int a = random.Next(1, Math.Max(2, lines.Count - 1)), b = random.Next(1, Math.Max(2, lines.Count - 1));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                return ("lines swapped", string.Join('\n', lines));
            }
            case 3:
            {
                var chars = pem.ToCharArray();
                int body = pem.IndexOf('\n') + 1;
                int position = body + random.Next(Math.Max(1, pem.LastIndexOf("-----END", StringComparison.Ordinal) - body));
                chars[position] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/="[random.Next(45)];
                return ("base64 character changed", new string(chars));
            }
            case 4: return ("character inserted", pem.Insert(random.Next(pem.Length), ((char)random.Next(0, 0x3000)).ToString()));
            case 5: return ("label changed", pem.Replace("PRIVATE KEY", new[] { "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PRIVATE  KEY", "PUBLIC KEY" }[random.Next(5)]));
            case 6: return ("escaped newlines", pem.Replace("\n", "\\n"));
            case 7: return ("CRLF and indentation", "  " + pem.Replace("\n", "\r\n  "));
            case 8: return ("END marker removed", pem[..pem.IndexOf("-----END", StringComparison.Ordinal)]);
            case 9: return ("BEGIN doubled", lines[0] + "\n" + pem);
            default: return ("wrapped in quotes", "\"" + pem + "\"");
        }
    }

    private static (string Kind, string Text) MutateDer(string pem, Random random)
    {
        var fields = PemEncoding.Find(pem);
        string label = pem[fields.Label];
        byte[] der = Convert.FromBase64String(pem[fields.Base64Data]);
        string kind;
        switch (random.Next(7))
        {
            case 0:
                for (int flips = random.Next(1, 4); flips > 0; flips--) der[random.Next(der.Length)] ^= (byte)random.Next(1, 256);
                kind = "DER bytes flipped";
                break;
            case 1:
                der = der[..random.Next(der.Length)];
                kind = "DER truncated";
                break;
            case 2:
                der = [.. der, .. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (byte)random.Next(256))];
                kind = "DER with trailing bytes";
                break;
            case 3:
            {
                // A length byte made huge or indefinite.
                int position = random.Next(Math.Min(der.Length, 40));
                der[position] = new byte[] { 0x80, 0x84, 0x88, 0xFF, 0x00, 0x7F }[random.Next(6)];
                kind = "DER length mangled";
                break;
            }
            case 4:
            {
                int position = random.Next(der.Length);
                der = [.. der[..position], .. Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256)), .. der[position..]];
                kind = "DER bytes inserted";
                break;
            }
            case 5:
            {
                int start = random.Next(der.Length), length = random.Next(1, Math.Min(64, der.Length - start + 1));
                Array.Clear(der, start, length);
                kind = "DER range zeroed";
                break;
            }
            default:
            {
                // An object identifier's last byte changed: another algorithm, curve or hash.
                int oid = Array.IndexOf(der, (byte)0x06, random.Next(Math.Min(der.Length, 30)));
                if (oid >= 0 && oid + 1 < der.Length && oid + 1 + der[oid + 1] < der.Length) der[oid + 1 + der[oid + 1]] ^= (byte)random.Next(1, 256);
                kind = "DER object identifier changed";
                break;
            }
        }
        return (kind, PemEncoding.WriteString(label, der));
    }

    private const string JsonIntruders = "A_-=+/%\\\"é\u0000{";

    private static string MutateJson(string json, Random random, string[] replacements)
    {
        switch (random.Next(6))
        {
            case 0: return json[..random.Next(json.Length)];
            case 1:
            {
                // Replace the value of one member.
                var members = System.Text.RegularExpressions.Regex.Matches(json, "\"([a-z]+)\":(\"[^\"]*\")");
                var m = members[random.Next(members.Count)];
                return json.Remove(m.Groups[2].Index, m.Groups[2].Length).Insert(m.Groups[2].Index, replacements[random.Next(replacements.Length)]);
            }
            case 2:
            {
                // Remove one member.
                var members = System.Text.RegularExpressions.Regex.Matches(json, ",?\"[a-z]+\":\"[^\"]*\"");
                var m = members[random.Next(members.Count)];
                string removed = json.Remove(m.Index, m.Length);
                return removed.StartsWith("{,", StringComparison.Ordinal) ? "{" + removed[2..] : removed;
            }
            case 3:
            {
                // A character inside a base64url value changed or removed.
                var chars = json.ToList();
                int position = random.Next(chars.Count);
                if (random.Next(2) == 0) chars.RemoveAt(position);
                else chars[position] = JsonIntruders[random.Next(JsonIntruders.Length)];
                return new string(chars.ToArray());
            }
            case 4: return json.TrimEnd('}') + ",\"kty\":" + replacements[random.Next(replacements.Length)] + "}";
            default: return json.Replace("\"kty\":\"", "\"kty\":\"" + new[] { "", "x", "ec", "rsa", "OCT", "OKP" }[random.Next(6)]);
        }
    }
}
