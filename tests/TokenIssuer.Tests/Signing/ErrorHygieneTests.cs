using System.Buffers.Text;
using System.Collections.ObjectModel;
using System.Security.Cryptography;
using System.Text;
using TokenIssuer.Tests.Keys;

namespace TokenIssuer.Tests.Signing;

/// <summary>
/// Every error reachable with a known secret or PEM key: the message names the option, is not empty,
/// and never contains the secret (as text, base64 or base64url), a passphrase, or any line of a PEM body.
/// </summary>
public class ErrorHygieneTests
{
    private const string SecretText = "s3cr3t-value-XYZ";
    private const string Passphrase = "pa55-phrase-QRS";

    private static readonly Lazy<string> EncryptedRsaPem = new(() =>
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(KeyFiles.Pem("rsa2048-private.pem"));
        return rsa.ExportEncryptedPkcs8PrivateKeyPem(Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
    });

    private static readonly Lazy<string> RsaJwkText = new(() =>
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(KeyFiles.Pem("rsa2048-private.pem"));
        return JwkAndSecretKeyTests.RsaJwk(rsa);
    });

    private static SigningKey Secret() => SigningKey.FromSecret(SecretText);

    private static JwtSignOptions Opt(JwtAlgorithm? algorithm = null) => new() { Algorithm = algorithm, TimeProvider = TestClock.Create() };

    private static string CorruptedPem(string file)
    {
        // Flip characters in the middle of the body: still base64, no longer a key.
        var lines = KeyFiles.Pem(file).Replace("\r\n", "\n").Split('\n');
        int middle = lines.Length / 2;
        var chars = lines[middle].ToCharArray();
        for (int i = 0; i < chars.Length; i += 3) chars[i] = chars[i] == 'A' ? 'B' : 'A';
        lines[middle] = new string(chars);
        lines[1] = "MIIBAAIBAAKCAQEA" + lines[1][16..];
        return string.Join("\n", lines);
    }

    private static readonly Dictionary<string, (string Option, Action Act)> Cases = new()
    {
        // ---- with the secret ----
        ["secret-RS256"] = ("key", () => JwtSigner.Sign(Payload.Empty(), Secret(), Opt(JwtAlgorithm.RS256))),
        ["secret-ES512"] = ("key", () => JwtSigner.Sign(Payload.Empty(), Secret(), Opt(JwtAlgorithm.ES512))),
        ["secret-PS256-string-payload"] = ("key", () => JwtSigner.Sign("hello", Secret(), Opt(JwtAlgorithm.PS256))),
        ["secret-header-alg-none"] = ("header.alg", () => JwtSigner.Sign(Payload.Empty(), Secret(), new JwtSignOptions { Header = Payload.Of(("alg", "none")) })),
        ["secret-header-alg-unknown"] = ("header.alg", () => JwtSigner.Sign(Payload.Empty(), Secret(), new JwtSignOptions { Header = Payload.Of(("alg", "XX256")) })),
        ["secret-string-payload-claims"] = ("expiresIn,audience", () => JwtSigner.Sign("hello", Secret(), new JwtSignOptions { ExpiresIn = JwtDuration.FromSeconds(1), Audience = "a" })),
        ["secret-iat-not-number"] = ("payload", () => JwtSigner.Sign(Payload.Of(("iat", "x")), Secret(), Opt())),
        ["secret-exp-conflict"] = ("expiresIn", () => JwtSigner.Sign(Payload.Of(("exp", 1)), Secret(), new JwtSignOptions { ExpiresIn = JwtDuration.FromSeconds(1) })),
        ["secret-nbf-conflict"] = ("notBefore", () => JwtSigner.Sign(Payload.Of(("nbf", 1)), Secret(), new JwtSignOptions { NotBefore = JwtDuration.FromSeconds(1) })),
        ["secret-aud-conflict"] = ("audience", () => JwtSigner.Sign(Payload.Of(("aud", "x")), Secret(), new JwtSignOptions { Audience = "y" })),
        ["secret-jti-conflict"] = ("jwtid", () => JwtSigner.Sign(Payload.Of(("jti", "x")), Secret(), new JwtSignOptions { JwtId = "y" })),
        ["secret-mutate-read-only"] = ("mutatePayload", () => JwtSigner.Sign(new ReadOnlyDictionary<string, object?>(Payload.Empty()), Secret(), new JwtSignOptions { MutatePayload = true })),
        ["secret-unsupported-claim"] = ("payload", () => JwtSigner.Sign(Payload.Of(("x", new object())), Secret(), Opt())),
        ["secret-lone-surrogate"] = ("payload", () => JwtSigner.Sign(Payload.Of(("x", "\uD800")), Secret(), Opt())),
        ["secret-json-null-payload"] = ("payload", () => JwtSigner.Sign(System.Text.Json.JsonDocument.Parse("null").RootElement, Secret(), Opt())),
        ["secret-base64-invalid"] = ("key", () => SigningKey.FromBase64Secret(SecretText + "!")),
        ["secret-base64-bad-length"] = ("key", () => SigningKey.FromBase64Secret(SecretText + "A")),
        ["secret-as-pem"] = ("key", () => SigningKey.FromPem(SecretText)),
        ["secret-in-pem-block"] = ("key", () => SigningKey.FromPem("-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String(Encoding.UTF8.GetBytes(SecretText + "12")) + "\n-----END PRIVATE KEY-----\n")),
        ["secret-in-rsa-pem-block"] = ("key", () => SigningKey.FromPem("-----BEGIN RSA PRIVATE KEY-----\n" + Convert.ToBase64String(Encoding.UTF8.GetBytes(SecretText + "12")) + "\n-----END RSA PRIVATE KEY-----\n")),
        ["secret-jwk-bad-k"] = ("key", () => SigningKey.FromJwk($$"""{"kty":"oct","k":"{{SecretText}}!"}""")),
        ["secret-jwk-truncated"] = ("key", () => SigningKey.FromJwk($$"""{"kty":"oct","k":"{{SecretText}}" """)),
        ["secret-jwk-bad-json-in-k"] = ("key", () => SigningKey.FromJwk($$"""{"kty":"oct","k":{{SecretText}}}""")),
        ["secret-jwk-public-ec"] = ("key", () => SigningKey.FromJwk($$"""{"kty":"EC","crv":"P-256","x":"{{SecretText}}","y":"{{SecretText}}"}""")),
        ["secret-jwk-bad-ec-point"] = ("key", () => SigningKey.FromJwk($$"""{"kty":"EC","crv":"P-256","x":"{{Base64Url.EncodeToString(new byte[32])}}","y":"{{Base64Url.EncodeToString(new byte[32])}}","d":"{{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(SecretText + SecretText))}}"}""")),
        ["secret-jsonwebtoken-string-RS256"] = ("key", () => JwtSigner.Sign(Payload.Empty(), SigningKey.FromJsonWebTokenString(SecretText), Opt(JwtAlgorithm.RS256))),

        // ---- with PEM keys ----
        ["rsa-HS256"] = ("key", () => JwtSigner.Sign(Payload.Empty(), SigningKeys.Rsa2048, Opt(JwtAlgorithm.HS256))),
        ["rsa-ES256"] = ("key", () => JwtSigner.Sign(Payload.Empty(), SigningKeys.Rsa2048, Opt(JwtAlgorithm.ES256))),
        ["rsa-ES256-allowed"] = ("key", () => JwtSigner.Sign(Payload.Empty(), SigningKeys.Rsa2048, new JwtSignOptions { Algorithm = JwtAlgorithm.ES256, AllowInvalidAsymmetricKeyTypes = true })),
        ["rsa1024-RS256"] = ("key", () => JwtSigner.Sign(Payload.Empty(), SigningKeys.Rsa1024, Opt(JwtAlgorithm.RS256))),
        ["rsa1024-default"] = ("key", () => JwtSigner.Sign("x", SigningKeys.Rsa1024)),
        ["ec-p384-ES256"] = ("key", () => JwtSigner.Sign(Payload.Empty(), SigningKeys.EcP384, Opt(JwtAlgorithm.ES256))),
        ["ec-p384-ES256-allowed"] = ("key", () => JwtSigner.Sign(Payload.Empty(), SigningKeys.EcP384, new JwtSignOptions { Algorithm = JwtAlgorithm.ES256, AllowInvalidAsymmetricKeyTypes = true })),
        ["ec-p256-RS256"] = ("key", () => JwtSigner.Sign(Payload.Empty(), SigningKeys.EcP256, Opt(JwtAlgorithm.RS256))),
        ["ec-p256-HS512"] = ("key", () => JwtSigner.Sign(Payload.Empty(), SigningKeys.EcP256, Opt(JwtAlgorithm.HS512))),
        ["pss-RS256"] = ("key", () => JwtSigner.Sign(Payload.Empty(), SigningKeys.RsaPss, Opt(JwtAlgorithm.RS256))),
        ["pss-PS384"] = ("key", () => JwtSigner.Sign(Payload.Empty(), SigningKeys.RsaPss, Opt(JwtAlgorithm.PS384))),
        ["pss-PS384-allowed"] = ("key", () => JwtSigner.Sign(Payload.Empty(), SigningKeys.RsaPss, new JwtSignOptions { Algorithm = JwtAlgorithm.PS384, AllowInvalidAsymmetricKeyTypes = true })),
        ["pss-noparams-default"] = ("key", () => JwtSigner.Sign(Payload.Empty(), SigningKeys.RsaPssNoParams, Opt())),
        ["pem-public-rsa"] = ("key", () => SigningKey.FromPem(KeyFiles.Pem("rsa2048-public.pem"))),
        ["pem-public-ec"] = ("key", () => SigningKey.FromPem(KeyFiles.Pem("ec-p521-public.pem"))),
        ["pem-escaped-newlines"] = ("key", () => SigningKey.FromPem(KeyFiles.Pem("rsa2048-private.pem").Replace("\n", "\\n"))),
        ["pem-no-end-line"] = ("key", () => SigningKey.FromPem(KeyFiles.Pem("ec-p256-private.pem").Replace("-----END PRIVATE KEY-----", ""))),
        ["pem-corrupted-rsa"] = ("key", () => SigningKey.FromPem(CorruptedPem("rsa2048-private.pem"))),
        ["pem-corrupted-pkcs1"] = ("key", () => SigningKey.FromPem(CorruptedPem("rsa2048-private-pkcs1.pem"))),
        ["pem-corrupted-sec1"] = ("key", () => SigningKey.FromPem(CorruptedPem("ec-p256-private-sec1.pem"))),
        ["pem-corrupted-pss"] = ("key", () => SigningKey.FromPem(CorruptedPem("rsapss2048-private.pem"))),
        ["pem-sec1-labelled-pkcs1"] = ("key", () => SigningKey.FromPem(KeyFiles.Pem("ec-p256-private-sec1.pem").Replace("EC PRIVATE KEY", "RSA PRIVATE KEY"))),
        ["pem-pkcs8-labelled-sec1"] = ("key", () => SigningKey.FromPem(KeyFiles.Pem("rsa2048-private.pem").Replace("BEGIN PRIVATE KEY", "BEGIN EC PRIVATE KEY").Replace("END PRIVATE KEY", "END EC PRIVATE KEY"))),
        ["pem-ed25519"] = ("key", () => SigningKey.FromPem(TestKeys.Ed25519Pem)),
        ["pem-encrypted-no-passphrase"] = ("key", () => SigningKey.FromPem(EncryptedRsaPem.Value)),
        ["pem-encrypted-wrong-passphrase"] = ("key", () => SigningKey.FromPem(EncryptedRsaPem.Value, Passphrase + "x")),
        ["pem-file-missing"] = ("key", () => SigningKey.FromPemFile(Path.Combine(KeyFiles.Directory, "missing.pem"))),
        ["jwk-rsa-public-only"] = ("key", () => SigningKey.FromJwk(RsaJwkText.Value.Replace("\"d\":", "\"x-d\":"))),
        ["jwk-rsa-missing-p"] = ("key", () => SigningKey.FromJwk(RsaJwkText.Value.Replace("\"p\":", "\"x-p\":"))),
        ["jwk-rsa-bad-alg"] = ("key", () => SigningKey.FromJwk(RsaJwkText.Value.Replace("\"kty\":\"RSA\"", "\"kty\":\"RSA\",\"alg\":\"RSA1_5\""))),
        ["jwk-rsa-wrong-modulus"] = ("key", () =>
        {
            using var key = SigningKey.FromJwk(RsaJwkText.Value.Replace("\"n\":\"", "\"n\":\"xy"));
            JwtSigner.Sign(Payload.Empty(), key, Opt());
        }),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    /// <summary>Text that must never appear in an error: the secret, the passphrase, and every PEM/JWK body line.</summary>
    private static readonly Lazy<string[]> Forbidden = new(() =>
    {
        var list = new List<string>
        {
            SecretText,
            Passphrase,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(SecretText)),
            Convert.ToBase64String(Encoding.UTF8.GetBytes(SecretText)).TrimEnd('='),
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes(SecretText)),
            Convert.ToBase64String(Encoding.UTF8.GetBytes(SecretText + "12")),
        };
        var pems = Directory.GetFiles(KeyFiles.Directory, "*.pem").Select(File.ReadAllText)
            .Append(TestKeys.Ed25519Pem).Append(EncryptedRsaPem.Value);
        foreach (var pem in pems)
        {
            foreach (var line in pem.Replace("\r\n", "\n").Split('\n'))
            {
                if (line.Length >= 16 && !line.StartsWith("-----", StringComparison.Ordinal)) list.Add(line.Trim());
            }
        }
        using var jwk = System.Text.Json.JsonDocument.Parse(RsaJwkText.Value);
        foreach (var member in jwk.RootElement.EnumerateObject())
        {
            string value = member.Value.GetString()!;
            if (value.Length >= 16)
            {
                list.Add(value);
                list.Add(value[..16]);
            }
        }
        return list.ToArray();
    });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ErrorsNameTheOptionAndHoldNoKeyMaterial(string name)
    {
        var (option, act) = Cases[name];
        var thrown = Record.Exception(act);
        Assert.NotNull(thrown);
        var e = Assert.IsType<JwtSigningException>(thrown);
        Assert.Equal(option, e.Option);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));

        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            foreach (var secret in Forbidden.Value)
            {
                Assert.False(current.Message.Contains(secret, StringComparison.Ordinal),
                    $"{name}: the message of {current.GetType().Name} contains key material \"{secret[..Math.Min(secret.Length, 12)]}…\": {current.Message}");
            }
        }
    }

    [Fact]
    public void TheForbiddenListIsNotEmpty()
    {
        Assert.Contains(SecretText, Forbidden.Value);
        Assert.True(Forbidden.Value.Length > 100);
    }
}
