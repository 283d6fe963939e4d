namespace TokenIssuer;

/// <summary>
/// Every error message of the signing engine, in one place. Each starts with jsonwebtoken 9.0.3's own
/// wording where it has one (so its users recognise it), then says how to fix the problem.
/// No message ever includes key material.
/// </summary>
internal static class SigningErrors
{
    private const string Key = "key";
    private const string Payload = "payload";

    private static readonly string AlgorithmList = string.Join(", ", JwtAlgorithmNames.All);

    // ---- Keys -------------------------------------------------------------------------------------

    public static JwtSigningException EmptySecret() => new(Key,
        "secretOrPrivateKey must have a value: the secret is empty. Give a secret (at least as long as the hash: 32 bytes for HS256) or a private key.");

    public static JwtSigningException BadBase64(string what) => new(Key,
        $"The {what} is not valid base64 or base64url. Check it was copied whole, without quotes or line breaks.");

    public static JwtSigningException NotAPrivateKeyPem(string where, string label) => new(Key,
        $"{where} holds a \"{label}\" block, not a private key. Signing needs the private key (\"-----BEGIN PRIVATE KEY-----\"); a public key or certificate can only verify.");

    public static JwtSigningException PemWithEscapedNewlines(string where) => new(Key,
        $"{where} contains literal \"\\n\" sequences instead of line breaks (common when a PEM is kept in an environment variable). Replace them with real newlines.");

    public static JwtSigningException NoPemBlock(string where) => new(Key,
        $"{where} has no PEM block. Expected \"-----BEGIN PRIVATE KEY-----\" … \"-----END PRIVATE KEY-----\" (or RSA PRIVATE KEY, EC PRIVATE KEY, ENCRYPTED PRIVATE KEY), each marker on a line of its own.");

    public static JwtSigningException UnreadablePrivateKey(string where, string label, Exception inner) => new(Key,
        $"{where} has a \"{label}\" block that is not a valid private key. Check that it was copied whole and that the label matches the content.", inner);

    public static JwtSigningException UnsupportedKeyType(string where, string type) => new(Key,
        $"Unknown key type \"{type}\". {where} holds a key TokenIssuer cannot sign with: use an RSA, RSASSA-PSS or EC (P-256, P-384, P-521) private key, or an HMAC secret.");

    public static JwtSigningException EncryptedKeyWithoutPassphrase(string where) => new(Key,
        $"{where} holds an encrypted private key. Give its passphrase (Passphrase, or --passphrase-env NAME on the command line).");

    public static JwtSigningException EncryptedKeyNotDecrypted(string where) => new(Key,
        $"{where} holds an encrypted private key that could not be decrypted: the passphrase is wrong, or the key is neither RSA nor EC.");

    public static JwtSigningException BadJwk(string reason, Exception? inner = null) => inner is null
        ? new(Key, $"The JWK is not a usable signing key: {reason}.")
        : new(Key, $"The JWK is not a usable signing key: {reason}.", inner);

    // ---- Algorithm and key checks -----------------------------------------------------------------

    public static JwtSigningException UnsignedTokensRefused(string option) => new(option,
        $"unsigned tokens are not supported: \"none\" is not a valid algorithm. Choose one of {AlgorithmList}.");

    public static JwtSigningException UnknownAlgorithm(string option, string? name)
    {
        string hint = JwtAlgorithmNames.Suggest(name) is { } suggestion ? $" Did you mean \"{suggestion}\"?" : "";
        string subject = option == "algorithm" ? "\"algorithm\" must be a valid string enum value" : $"\"{name}\" is not a valid algorithm";
        return new(option, $"{subject}: use one of {AlgorithmList} (names are case-sensitive).{hint}");
    }

    public static JwtSigningException AlgorithmNotString(string option) => new(option,
        $"\"{option}\" must be a string naming the algorithm, such as \"RS256\".");

    public static JwtSigningException NoDefaultAlgorithm(SigningKey key) => new("algorithm",
        $"No algorithm was given and none follows from the key ({key}). Set the algorithm explicitly.");

    public static JwtSigningException SymmetricKeyRequired(JwtAlgorithm algorithm, SigningKey key) => new(Key,
        $"secretOrPrivateKey must be a symmetric key when using {JwtAlgorithmNames.Name(algorithm)}. The key is {Describe(key)}: use an HMAC secret with {JwtAlgorithmNames.Name(algorithm)}, or pick the algorithm that fits the key ({key.DefaultAlgorithm?.ToString() ?? "see the key's type"}).");

    public static JwtSigningException AsymmetricKeyRequired(JwtAlgorithm algorithm) => new(Key,
        $"secretOrPrivateKey must be an asymmetric key when using {JwtAlgorithmNames.Name(algorithm)}. The key is an HMAC secret: give a private key (PEM or JWK). A key given as a string only counts as a private key when it is the complete PEM of one.");

    public static JwtSigningException MinimumRsaKeySize(JwtAlgorithm algorithm, int bits) => new(Key,
        $"secretOrPrivateKey has a minimum key size of 2048 bits for {JwtAlgorithmNames.Name(algorithm)}. This key has {bits} bits: use a key of 2048 bits or more, or set allowInsecureKeySizes if you must accept it.");

    public static JwtSigningException KeyTypeDoesNotFit(JwtAlgorithm algorithm, string keyType, string allowed) => new(Key,
        $"\"alg\" parameter for \"{keyType}\" key type must be one of: {allowed}. {JwtAlgorithmNames.Name(algorithm)} does not fit this key: use one of those algorithms, or a key of the right type.");

    public static JwtSigningException CurveDoesNotFit(JwtAlgorithm algorithm, string requiredCurve, string actualCurve) => new(Key,
        $"\"alg\" parameter \"{JwtAlgorithmNames.Name(algorithm)}\" requires curve \"{requiredCurve}\". The key is on {actualCurve}: use {EcCurves.AlgorithmFor(actualCurve)?.ToString() ?? "a key on " + requiredCurve} instead.");

    public static JwtSigningException PssParametersDoNotFit(JwtAlgorithm algorithm) => new(Key,
        $"Invalid key for this operation, its RSA-PSS parameters do not meet the requirements of \"alg\" {JwtAlgorithmNames.Name(algorithm)}. The RSASSA-PSS key must be restricted to SHA-{JwtAlgorithmNames.HashBits(algorithm)} with MGF1-SHA-{JwtAlgorithmNames.HashBits(algorithm)}.");

    public static JwtSigningException PssSaltDoesNotFit(JwtAlgorithm algorithm) => new(Key,
        $"Invalid key for this operation, its RSA-PSS parameter saltLength does not meet the requirements of \"alg\" {JwtAlgorithmNames.Name(algorithm)}. The key's salt length must be at most {JwtAlgorithmNames.HashBits(algorithm) / 8} bytes.");

    public static JwtSigningException PssKeyForbidsAlgorithm(JwtAlgorithm algorithm) => new(Key,
        $"This RSASSA-PSS key's parameters forbid {JwtAlgorithmNames.Name(algorithm)} signatures, even with allowInvalidAsymmetricKeyTypes. Use the algorithm its parameters name.");

    public static JwtSigningException KeyCannotMakeSignature(JwtAlgorithm algorithm, SigningKey key) => new(Key,
        $"{Describe(key)} cannot make a {JwtAlgorithmNames.Name(algorithm)} signature, even with allowInvalidAsymmetricKeyTypes. Use {key.DefaultAlgorithm?.ToString() ?? "an algorithm of the key's type"}.");

    public static JwtSigningException SignatureFailed(JwtAlgorithm algorithm, int keyBits, Exception? inner)
    {
        string message = $"The {keyBits}-bit key could not make a {JwtAlgorithmNames.Name(algorithm)} signature (for PS*, the key must be larger than twice the hash plus two bytes). Use a larger key or a smaller hash.";
        return inner is null ? new(Key, message) : new(Key, message, inner);
    }

    public static JwtSigningException CurveTooLargeForAlgorithm(JwtAlgorithm algorithm, string curve) => new(Key,
        $"The signature of a {curve} key does not fit {JwtAlgorithmNames.Name(algorithm)} (\"r\" is longer than {EcCurves.SignatureHalfSize(algorithm)} bytes). Use {EcCurves.AlgorithmFor(curve)?.ToString() ?? "a larger ES algorithm"} with this key.");

    // ---- Payload ----------------------------------------------------------------------------------

    public static JwtSigningException PayloadNotPlainObject() => new(Payload,
        "Expected \"payload\" to be a plain object. Pass a JSON object (claim names to values) or a string.");

    public static JwtSigningException PayloadClaimNotNumber(string claim) => new(Payload,
        $"\"{claim}\" should be a number of seconds. Give the NumericDate as a number (seconds since 1970-01-01T00:00:00Z), not a string or object.");

    public static JwtSigningException PayloadAlreadyHasTimeClaim(string option, string claim) => new(option,
        $"Bad \"options.{option}\" option the payload already has an \"{claim}\" property. Remove \"{claim}\" from the payload or drop the {option} option.");

    public static JwtSigningException PayloadAlreadyHasClaim(string option, string claim) => new(option,
        $"Bad \"options.{option}\" option. The payload already has an \"{claim}\" property. Remove \"{claim}\" from the payload or drop the {option} option.");

    public static JwtSigningException OptionsNotAllowedForStringPayload(IEnumerable<string> options, string payloadKind) => new(string.Join(",", options),
        $"invalid {string.Join(",", options)} option for {payloadKind} payload. Claims can only be added to an object payload: sign a JSON object instead, or drop these options.");

    public static JwtSigningException MutatePayloadNeedsDictionary() => new("mutatePayload",
        "mutatePayload needs a payload the claims can be written into: pass an IDictionary<string, object?> that is not read-only, or turn mutatePayload off.");

    public static JwtSigningException UnsupportedClaimValue(string path, Type type) => new(Payload,
        $"The value of \"{path}\" has type {type.Name}, which has no JSON form. Use a string, number, bool, null, Guid, DateTimeOffset, a list, a dictionary, or a JsonElement/JsonNode.");

    public static JwtSigningException UnencodableText(string path, Exception? inner = null) => inner is null
        ? new(Payload, $"The text of \"{path}\" cannot be written as JSON (it holds an invalid UTF-16 sequence, such as a lone surrogate).")
        : new(Payload, $"The text of \"{path}\" cannot be written as JSON (it holds an invalid UTF-16 sequence, such as a lone surrogate).", inner);

    public static JwtSigningException PayloadTooDeep(string path) => new(Payload,
        $"The value of \"{path}\" is nested too deeply (over 64 levels), or refers to itself.");

    // ---- Options (as jsonwebtoken validates its options object) ------------------------------------

    public static JwtSigningException OptionNotAllowed(string name)
    {
        string? suggestion = JwtOptionNames.Suggest(name);
        string hint = suggestion is null ? $" The options are: {string.Join(", ", JwtOptionNames.All)}." : $" Did you mean \"{suggestion}\"?";
        return new(name, $"\"{name}\" is not allowed in \"options\".{hint}");
    }

    public static JwtSigningException OptionsNotObject() => new("options",
        "Expected \"options\" to be a plain object. Pass a JSON object such as {\"expiresIn\": \"1h\"}.");

    public static JwtSigningException OptionMustBeString(string option) => new(option,
        $"\"{option}\" must be a string.");

    public static JwtSigningException OptionMustBeBoolean(string option) => new(option,
        $"\"{option}\" must be a boolean (true or false, without quotes).");

    public static JwtSigningException AudienceMustBeStringOrArray() => new("audience",
        "\"audience\" must be a string or array, such as \"orders-api\" or [\"orders-api\", \"billing-api\"].");

    public static JwtSigningException HeaderMustBeObject() => new("header",
        "\"header\" must be an object, such as {\"typ\": \"at+jwt\"}.");

    public static JwtSigningException DurationWrongType(string option) => new(option,
        $"\"{option}\" should be a number of seconds or string representing a timespan. Give a whole number of seconds (60) or a duration string: {DurationParser.GrammarHint}.");

    public static JwtSigningException DurationUnparsable(string option, string text) => new(option,
        $"\"{option}\" should be a number of seconds or string representing a timespan eg: \"1d\", \"20h\", 60. \"{Truncate(text)}\" is not one: write {DurationParser.GrammarHint}. A string with no unit is milliseconds.");

    private static string Describe(SigningKey key) => key.Kind switch
    {
        SigningKeyKind.Symmetric => "an HMAC secret",
        SigningKeyKind.Rsa => $"an RSA private key ({key.KeySizeInBits} bits)",
        SigningKeyKind.RsaPss => $"an RSASSA-PSS private key ({key.KeySizeInBits} bits)",
        _ => $"an EC private key ({key.KeySizeInBits} bits)",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
