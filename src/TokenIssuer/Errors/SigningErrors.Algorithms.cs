namespace TokenIssuer;

/// <summary>The algorithm named, and whether the key fits it (<see cref="KeyChecks"/>) and can make its signature.</summary>
internal static partial class SigningErrors
{
    private static readonly string AlgorithmList = string.Join(", ", JwtAlgorithmNames.All);

    public static JwtSigningException UnsignedTokensRefused(string option) => new(option,
        $"unsigned tokens are not supported: \"none\" is not a valid algorithm. Choose one of {AlgorithmList}.");

    public static JwtSigningException UnknownAlgorithm(string option, string? name)
    {
        string hint = JwtAlgorithmNames.Suggest(name) is { } suggestion ? $" Did you mean \"{suggestion}\"?" : "";
        string subject = option == "algorithm" ? "\"algorithm\" must be a valid string enum value" : $"{SensitiveText.QuoteShort(name ?? "")} is not a valid algorithm";
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

    private static string Describe(SigningKey key) => key.Kind switch
    {
        SigningKeyKind.Symmetric => "an HMAC secret",
        SigningKeyKind.Rsa => $"an RSA private key ({key.KeySizeInBits} bits)",
        SigningKeyKind.RsaPss => $"an RSASSA-PSS private key ({key.KeySizeInBits} bits)",
        _ => $"an EC private key ({key.KeySizeInBits} bits)",
    };
}
