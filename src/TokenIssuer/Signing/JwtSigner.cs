using System.Text;
using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// Signs JSON Web Tokens with the semantics of jsonwebtoken 9.0.3's <c>jwt.sign(payload, key, options)</c>
/// (the "Generate JWT" contract): the same claims, header, checks and errors, with two deliberate
/// differences: no unsigned (<c>none</c>) tokens, and with no algorithm the algorithm follows the key.
/// Thread-safe; the token string is the only allocation of a call with a plain payload.
/// </summary>
/// <remarks>
/// Each payload form has an overload without options and one with them, rather than an optional
/// parameter on each: an optional parameter on several overloads cannot be extended without breaking callers.
/// </remarks>
public static class JwtSigner
{
    /// <summary>Signs an object payload with the default options: its claims plus <c>iat</c>.</summary>
    /// <exception cref="JwtSigningException">The payload or the key is not acceptable.</exception>
    public static string Sign(IReadOnlyDictionary<string, object?> payload, SigningKey key) => Sign(payload, key, options: null);

    /// <summary>
    /// Signs an object payload: its claims, plus <c>iat</c> (unless <see cref="JwtSignOptions.NoTimestamp"/>)
    /// and the claims the options set. The payload is not modified unless
    /// <see cref="JwtSignOptions.MutatePayload"/> is set.
    /// </summary>
    /// <exception cref="JwtSigningException">An option, the payload or the key is not acceptable.</exception>
    public static string Sign(IReadOnlyDictionary<string, object?> payload, SigningKey key, JwtSignOptions? options)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(key);
        options ??= JwtSignOptions.Default;

        // jsonwebtoken's order of checks, so that the first error reported is the one it reports.
        var algorithm = AlgorithmResolver.Resolve(options, key);
        KeyChecks.CheckFamilyAndSize(algorithm, key, options.AllowInsecureKeySizes);
        var claims = PayloadTimeClaims.Read(payload);
        PayloadOptionChecks.CheckTimeOptions(claims, options);
        KeyChecks.CheckKeyType(algorithm, key, options.AllowInvalidAsymmetricKeyTypes);
        var times = TokenTimes.From(claims.IssuedAt(options.TimeProvider ?? TimeProvider.System), options);
        PayloadOptionChecks.CheckClaimOptions(payload, options);

        if (options.MutatePayload) PayloadMutation.Apply(payload, options, times);
        return WriteObjectToken(payload, key, options, algorithm, times, claims.HasIat);
    }

    /// <summary>Signs a string payload as it is, with the default options.</summary>
    /// <exception cref="JwtSigningException">The key is not acceptable.</exception>
    public static string Sign(string payload, SigningKey key) => Sign(payload, key, options: null);

    /// <summary>
    /// Signs a string payload as it is (jsonwebtoken's string payload: no <c>typ</c> header, no claims
    /// added, and the claim options refused).
    /// </summary>
    /// <exception cref="JwtSigningException">An option or the key is not acceptable.</exception>
    public static string Sign(string payload, SigningKey key, JwtSignOptions? options)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(key);
        options ??= JwtSignOptions.Default;

        PayloadOptionChecks.CheckNonObjectPayload(options, "string");
        var algorithm = AlgorithmResolver.Resolve(options, key);
        KeyChecks.CheckFamilyAndSize(algorithm, key, options.AllowInsecureKeySizes);
        KeyChecks.CheckKeyType(algorithm, key, options.AllowInvalidAsymmetricKeyTypes);

        var scratch = TokenScratch.Rent();
        JwtHeaderWriter.Append(scratch, algorithm, key, options, objectPayload: false);
        // Like Node's Buffer.from(string): lone surrogates become U+FFFD.
        scratch.AppendSegment(Encoding.UTF8.GetBytes(payload));
        var token = scratch.Finish(key, algorithm);
        TokenScratch.Return(scratch);
        return token;
    }

    /// <summary>Signs a JSON payload with the default options, as <see cref="Sign(JsonElement, SigningKey, JwtSignOptions?)"/> does.</summary>
    /// <exception cref="JwtSigningException">The payload or the key is not acceptable.</exception>
    public static string Sign(JsonElement payload, SigningKey key) => Sign(payload, key, options: null);

    /// <summary>
    /// Signs a JSON payload as jsonwebtoken would sign the same value: an object is a claims payload; a
    /// string is signed as is; a number or boolean is signed as its text; anything else (null, an array)
    /// is refused.
    /// </summary>
    /// <exception cref="JwtSigningException">The payload, an option or the key is not acceptable.</exception>
    public static string Sign(JsonElement payload, SigningKey key, JwtSignOptions? options)
    {
        options ??= JwtSignOptions.Default;
        switch (payload.ValueKind)
        {
            case JsonValueKind.Object:
                return Sign(JsonSignOptionsReader.ReadObject(payload), key, options);
            case JsonValueKind.String:
                return Sign(JsonDocuments.GetString(payload, "payload"), key, options);
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                PayloadOptionChecks.CheckNonObjectPayload(options, payload.ValueKind == JsonValueKind.Number ? "number" : "boolean");
                return Sign(payload.GetRawText(), key, options);
            default:
                throw SigningErrors.PayloadNotPlainObject();
        }
    }

    private static string WriteObjectToken(IReadOnlyDictionary<string, object?> payload, SigningKey key, JwtSignOptions options,
        JwtAlgorithm algorithm, TokenTimes times, bool payloadHasIat)
    {
        var scratch = TokenScratch.Rent();
        try
        {
            JwtHeaderWriter.Append(scratch, algorithm, key, options, objectPayload: true);
            // After mutatePayload the dictionary already holds the option claims: write it as it is.
            ObjectPayloadWriter.Write(scratch.StartJson(), payload, options, times, payloadHasIat, optionClaimsInPayload: options.MutatePayload);
            scratch.AppendJsonSegment();
            var token = scratch.Finish(key, algorithm);
            TokenScratch.Return(scratch);
            return token;
        }
        catch (InvalidOperationException e) when (e is not ObjectDisposedException)
        {
            throw new JwtSigningException("payload", "The payload could not be written as JSON: " + e.Message, e);
        }
    }
}
