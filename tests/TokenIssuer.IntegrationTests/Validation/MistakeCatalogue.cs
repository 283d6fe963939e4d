using System.Buffers.Text;
using System.Security.Cryptography;

namespace TokenIssuer.IntegrationTests.Validation;

/// <summary>The catalogue of configuration mistakes: one row each, with the failure it must produce.</summary>
internal static class MistakeCatalogue
{
    private const string P = MistakeSetup.Profile;
    private const string K = MistakeSetup.BrokenKey;
    private const string Main = MistakeSetup.MainKey;
    private const string Passphrase = "correct horse battery staple";

    /// <summary>base64url of 48 fixed bytes: an HMAC "k" that must not be echoed.</summary>
    private static readonly string OctK = Base64Url.EncodeToString(Enumerable.Range(0, 48).Select(i => (byte)(255 - i)).ToArray());

    public static readonly IReadOnlyList<Mistake> All = new Mistake[]
    {
        // ---- Unknown names (ConfigurationReader) -------------------------------------------------------
        new("unknown profile option", s => s.Set(P + ":ExpiresIm", "15m"),
            P + ":ExpiresIm", "\"ExpiresIm\" is not an option. Did you mean \"ExpiresIn\"?"),
        new("unknown key option", s => s.Secret(K + ":Secrte", "a-secret-that-must-stay-hidden-0123456789"),
            K + ":Secrte", "\"Secrte\" is not an option. Did you mean \"Secret\"?"),
        new("unknown top-level section", s => s.Set("JwtIssuer:Profile:Other:Algorithm", "HS256"),
            "JwtIssuer:Profile", "\"Profile\" is not an option. Did you mean \"Profiles\"?"),
        new("list where a value belongs", s => s.Remove(P + ":Algorithm").Set(P + ":Algorithm:0", "HS256"),
            P + ":Algorithm", "expected a single value, found a list or object"),

        // ---- Algorithm --------------------------------------------------------------------------------
        new("unknown algorithm", s => s.Set(P + ":Algorithm", "HS257"),
            P + ":Algorithm", "\"HS257\" is not an algorithm. Use one of HS256, HS384, HS512, RS256"),
        new("algorithm in lower case", s => s.Set(P + ":Algorithm", "hs256"),
            P + ":Algorithm", "Did you mean \"HS256\"?"),
        new("algorithm none", s => s.Set(P + ":Algorithm", "none"),
            P + ":Algorithm", "\"none\" (unsigned tokens) is not supported"),

        // ---- Which key --------------------------------------------------------------------------------
        new("missing SigningKey in Production", s => s.Remove(P + ":SigningKey"),
            P + ":SigningKey", "the profile has no signing key. Add a key under JwtIssuer:Keys and name it here (development keys are only generated in the Development environment; this is Production)"),
        new("missing SigningKey in Staging", s => s.Remove(P + ":SigningKey"),
            P + ":SigningKey", "this is Staging", Environment: "Staging"),
        new("unknown SigningKey name", s => s.Set(P + ":SigningKey", "Mian"),
            P + ":SigningKey", "there is no key \"Mian\" in JwtIssuer:Keys (the keys are Main)"),
        new("SigningKey names a broken key", s => s.Remove(Main + ":Secret").Secret(Main + ":SecretBase64", "%%%%not-base64-secret%%%"),
            P + ":SigningKey", "the key \"Main\" could not be loaded (see its own error)"),

        // ---- Key sources ------------------------------------------------------------------------------
        new("key with no source", s => s.Set(K + ":KeyId", "k1"),
            K, "the key has no material. Set one of Pem, PemFile, Secret, SecretBase64 or Jwk"),
        new("key with two sources", s => s.Secret(K + ":Pem", KeyFiles.Pem(KeyFiles.EcP256)).Secret(K + ":Secret", "another-secret-0123456789-abcdefgh"),
            K, "the key sets Pem and Secret; set exactly one"),
        new("unparseable PEM (truncated)", s => s.Secret(K + ":Pem", Truncated(KeyFiles.Pem(KeyFiles.Rsa2048))),
            K + ":Pem", "The PEM text has a \"PRIVATE KEY\" block that is not a valid private key"),
        new("PEM without markers", s => s.Secret(K + ":Pem", string.Join("\n", TestKeys.BodyLines(KeyFiles.Pem(KeyFiles.EcP256))) + "\n"),
            K + ":Pem", "The PEM text has no PEM block"),
        new("PEM with escaped newlines", s => s.Secret(K + ":Pem", KeyFiles.Pem(KeyFiles.EcP256).Replace("\n", "\\n", StringComparison.Ordinal)),
            K + ":Pem", "contains literal \"\\n\" sequences instead of line breaks"),
        new("public key PEM", s => s.Secret(K + ":Pem", KeyFiles.PublicPem(KeyFiles.EcP256)),
            K + ":Pem", "holds a \"PUBLIC KEY\" block, not a private key"),
        new("missing PemFile", s => s.Set(K + ":PemFile", "keys/missing.pem"),
            K + ":PemFile", "the file \"keys/missing.pem\" does not exist. Paths are relative to the content root"),
        new("encrypted PEM without passphrase", s => s.Secret(K + ":Pem", KeyFiles.EncryptedPem(KeyFiles.EcP256, Passphrase)),
            K + ":Pem", "holds an encrypted private key. Give its passphrase"),
        new("encrypted PEM with wrong passphrase", s => s.Secret(K + ":Pem", KeyFiles.EncryptedPem(KeyFiles.EcP256, Passphrase)).Secret(K + ":Passphrase", "wrong horse battery staple"),
            K + ":Pem", "could not be decrypted: the passphrase is wrong"),
        new("encrypted PemFile with wrong passphrase", s => s.Set(K + ":PemFile", s.File("keys/encrypted.pem", KeyFiles.EncryptedPem(KeyFiles.EcP256, Passphrase))).Secret(K + ":Passphrase", "wrong horse battery staple"),
            K + ":PemFile", "could not be decrypted: the passphrase is wrong"),
        new("bad SecretBase64", s => s.Secret(K + ":SecretBase64", "%%%%not-base64-secret%%%"),
            K + ":SecretBase64", "The secret is not valid base64 or base64url"),
        new("JWK that is a public key", s => s.Set(K + ":Jwk", PublicEcJwk()),
            K + ":Jwk", "The JWK is not a usable signing key: it is a public EC key (no \"d\")"),
        new("JWK that is not JSON", s => { s.Set(K + ":Jwk", "{\"kty\":\"oct\",\"k\":\"" + OctK + "\""); s.Material.Add(OctK); },
            K + ":Jwk", "The JWK is not a usable signing key: it is not valid JSON"),
        new("JWK of an unsupported type", s => { s.Set(K + ":Jwk", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\",\"d\":\"" + OctK + "\"}"); s.Material.Add(OctK); },
            K + ":Jwk", "its \"kty\" \"OKP\" is not supported"),

        // ---- Key does not fit the algorithm -----------------------------------------------------------
        new("HS256 with an RSA key", s => s.MainPem(KeyFiles.Pem(KeyFiles.Rsa2048)),
            P + ":SigningKey", "secretOrPrivateKey must be a symmetric key when using HS256"),
        new("RS256 with a secret", s => s.Set(P + ":Algorithm", "RS256"),
            P + ":SigningKey", "secretOrPrivateKey must be an asymmetric key when using RS256"),
        new("RSA 1024 without AllowInsecureKeySizes", s => s.MainPem(KeyFiles.Pem(KeyFiles.Rsa1024)).Set(P + ":Algorithm", "RS256"),
            P + ":SigningKey", "minimum key size of 2048 bits for RS256. This key has 1024 bits"),
        new("HMAC secret of 16 bytes for HS256", s => s.Secret(Main + ":Secret", "0123456789abcdef"),
            P + ":SigningKey", "the secret has 16 bytes, shorter than the 32-byte hash of HS256"),
        new("HMAC secret shorter than the hash of HS512", s => s.Set(P + ":Algorithm", "HS512"),
            P + ":SigningKey", $"the secret has {MistakeSetup.BaseSecret.Length} bytes, shorter than the 64-byte hash of HS512"),
        new("EC P-384 key with ES256", s => s.MainPem(KeyFiles.Pem(KeyFiles.EcP384)).Set(P + ":Algorithm", "ES256"),
            P + ":SigningKey", "\"alg\" parameter \"ES256\" requires curve \"prime256v1\""),
        new("PS256 with an EC key", s => s.MainPem(KeyFiles.Pem(KeyFiles.EcP256)).Set(P + ":Algorithm", "PS256"),
            P + ":SigningKey", "\"alg\" parameter for \"ec\" key type must be one of: ES256, ES384, ES512"),

        // ---- Durations --------------------------------------------------------------------------------
        new("bad ExpiresIn", s => s.Set(P + ":ExpiresIn", "15 mins please"),
            P + ":ExpiresIn", "\"15 mins please\" is not a duration"),
        new("bad NotBefore", s => s.Set(P + ":NotBefore", "soon"),
            P + ":NotBefore", "\"soon\" is not a duration"),
        new("negative ExpiresIn", s => s.Set(P + ":ExpiresIn", "-5m"),
            P + ":ExpiresIn", "\"-5m\" would issue tokens that are already expired"),
        new("zero ExpiresIn", s => s.Set(P + ":ExpiresIn", "0"),
            P + ":ExpiresIn", "would issue tokens that are already expired"),
        new("NotBefore after ExpiresIn", s => s.Set(P + ":NotBefore", "1h").Set(P + ":ExpiresIn", "30m"),
            P + ":NotBefore", "NotBefore is not earlier than ExpiresIn"),
        // 900 without a unit is 900 seconds in a profile, exactly the 15 minutes of ExpiresIn.
        new("NotBefore equal to ExpiresIn (unit-less seconds)", s => s.Set(P + ":NotBefore", "900"),
            P + ":NotBefore", "NotBefore is not earlier than ExpiresIn"),

        // ---- Header -----------------------------------------------------------------------------------
        new("alg in Header", s => s.Set(P + ":Header:alg", "HS512"),
            P + ":Header", "\"alg\" cannot be set in Header; set the profile's Algorithm instead"),
        new("crit in Header", s => s.Set(P + ":Header:crit", "exp"),
            P + ":Header", "\"crit\" cannot be set in Header"),

        // ---- Claims and parameters --------------------------------------------------------------------
        new("unsupported parameter type", s => s.Set(P + ":Parameters:tenant", "strng"),
            P + ":Parameters:tenant", "\"strng\" is not a supported claim type"),
        new("parameter colliding with a fixed claim", s => s.Set(P + ":Claims:tenant", "contoso").Set(P + ":Parameters:tenant", "string"),
            P + ":Parameters:tenant", "the per-call claim \"tenant\" collides with a fixed claim in Claims"),
        new("parameter colliding with Issuer", s => s.Set(P + ":Issuer", "https://issuer.test").Set(P + ":Parameters:iss", "string"),
            P + ":Parameters:iss", "the per-call claim \"iss\" collides with the profile's Issuer"),
        new("parameter colliding with a time claim", s => s.Set(P + ":Parameters:exp", "long"),
            P + ":Parameters:exp", "collides with a time claim the profile computes"),
        new("fixed claim exp", s => s.Set(P + ":Claims:exp", "1700000000"),
            P + ":Claims", "\"exp\" cannot be a fixed claim (a NumericDate computed per token). Use ExpiresIn instead"),
        new("fixed claim iss with Issuer set", s => s.Set(P + ":Issuer", "https://issuer.test").Set(P + ":Claims:iss", "https://other.test"),
            P + ":Claims", "the claim \"iss\" is set by the profile's Issuer; remove it from Claims"),
        new("fixed claim aud with Audience set", s => s.Set(P + ":Audience", "api").Set(P + ":Claims:aud", "other"),
            P + ":Claims", "the claim \"aud\" is set by the profile's Audience"),

        // ---- Booleans ---------------------------------------------------------------------------------
        new("non-boolean NoTimestamp", s => s.Set(P + ":NoTimestamp", "yes"),
            P + ":NoTimestamp", "\"yes\" is not a boolean. Write true or false"),
        new("non-boolean AllowInsecureKeySizes", s => s.Set(P + ":AllowInsecureKeySizes", "1"),
            P + ":AllowInsecureKeySizes", "\"1\" is not a boolean"),
    };

    /// <summary>A PEM cut after its tenth line: still valid base64, but the DER inside is incomplete.</summary>
    private static string Truncated(string pem)
    {
        var body = TestKeys.BodyLines(pem).Take(10);
        return "-----BEGIN PRIVATE KEY-----\n" + string.Join("\n", body) + "\n-----END PRIVATE KEY-----\n";
    }

    private static string PublicEcJwk()
    {
        using var ec = ECDsa.Create();
        ec.ImportFromPem(KeyFiles.PublicPem(KeyFiles.EcP256));
        var p = ec.ExportParameters(includePrivateParameters: false);
        return $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{Base64Url.EncodeToString(p.Q.X)}\",\"y\":\"{Base64Url.EncodeToString(p.Q.Y)}\"}}";
    }
}
