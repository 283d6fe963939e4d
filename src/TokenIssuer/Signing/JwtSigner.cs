using System.Text;
using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// Signs JSON Web Tokens with the semantics of jsonwebtoken 9.0.3's <c>jwt.sign(payload, key, options)</c>
/// (the "Generate JWT" contract): the same claims, header, checks and errors, with two deliberate
/// differences: no unsigned (<c>none</c>) tokens, and with no algorithm the algorithm follows the key.
/// Thread-safe; the token string is the only allocation of a call with a plain payload.
/// </summary>
public static class JwtSigner
{
    private const string Iat = "iat", Exp = "exp", Nbf = "nbf", Aud = "aud", Iss = "iss", Sub = "sub", Jti = "jti";
    private const string Alg = "alg", Typ = "typ", Kid = "kid";

    /// <summary>
    /// Signs an object payload: its claims, plus <c>iat</c> (unless <see cref="JwtSignOptions.NoTimestamp"/>)
    /// and the claims the options set. The payload is not modified unless
    /// <see cref="JwtSignOptions.MutatePayload"/> is set.
    /// </summary>
    /// <exception cref="JwtSigningException">An option, the payload or the key is not acceptable.</exception>
    public static string Sign(IReadOnlyDictionary<string, object?> payload, SigningKey key, JwtSignOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(key);
        options ??= JwtSignOptions.Default;

        var algorithm = ResolveAlgorithm(options, key);
        KeyChecks.CheckFamilyAndSize(algorithm, key, options.AllowInsecureKeySizes);

        var claims = PayloadClaims.Read(payload);
        if (claims.HasExp && options.ExpiresIn is not null) throw SigningErrors.PayloadAlreadyHasTimeClaim(JwtOptionNames.ExpiresIn, Exp);
        if (claims.HasNbf && options.NotBefore is not null) throw SigningErrors.PayloadAlreadyHasTimeClaim(JwtOptionNames.NotBefore, Nbf);

        KeyChecks.CheckKeyType(algorithm, key, options.AllowInvalidAsymmetricKeyTypes);

        // jsonwebtoken: timestamp = payload.iat || now, so a zero (or NaN) iat is replaced by the clock.
        double timestamp = claims.IatValue is double iat && iat != 0 && !double.IsNaN(iat) ? iat : Now(options);
        double? nbf = options.NotBefore?.AddTo(timestamp);
        double? exp = options.ExpiresIn?.AddTo(timestamp);

        if (options.Audience is not null && payload.ContainsKey(Aud)) throw SigningErrors.PayloadAlreadyHasClaim(JwtOptionNames.Audience, Aud);
        if (options.Issuer is not null && payload.ContainsKey(Iss)) throw SigningErrors.PayloadAlreadyHasClaim(JwtOptionNames.Issuer, Iss);
        if (options.Subject is not null && payload.ContainsKey(Sub)) throw SigningErrors.PayloadAlreadyHasClaim(JwtOptionNames.Subject, Sub);
        if (options.JwtId is not null && payload.ContainsKey(Jti)) throw SigningErrors.PayloadAlreadyHasClaim(JwtOptionNames.JwtId, Jti);

        if (options.MutatePayload) Mutate(payload, options, timestamp, nbf, exp);

        var scratch = TokenScratch.Rent();
        try
        {
            WriteHeader(scratch, algorithm, key, options, objectPayload: true);
            // After mutatePayload the dictionary already holds the option claims: write it as it is.
            WritePayload(scratch.StartJson(), payload, options, timestamp, nbf, exp, claims.HasIat, optionClaimsInPayload: options.MutatePayload);
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

    /// <summary>
    /// Signs a string payload as it is (jsonwebtoken's string payload: no <c>typ</c> header, no claims
    /// added, and the claim options refused).
    /// </summary>
    /// <exception cref="JwtSigningException">An option or the key is not acceptable.</exception>
    public static string Sign(string payload, SigningKey key, JwtSignOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(key);
        options ??= JwtSignOptions.Default;

        var refused = ObjectPayloadOptionsSet(options);
        if (refused.Count > 0) throw SigningErrors.OptionsNotAllowedForStringPayload(refused, "string");

        var algorithm = ResolveAlgorithm(options, key);
        KeyChecks.CheckFamilyAndSize(algorithm, key, options.AllowInsecureKeySizes);
        KeyChecks.CheckKeyType(algorithm, key, options.AllowInvalidAsymmetricKeyTypes);

        var scratch = TokenScratch.Rent();
        WriteHeader(scratch, algorithm, key, options, objectPayload: false);
        // Like Node's Buffer.from(string): lone surrogates become U+FFFD.
        scratch.AppendSegment(Encoding.UTF8.GetBytes(payload));
        var token = scratch.Finish(key, algorithm);
        TokenScratch.Return(scratch);
        return token;
    }

    /// <summary>
    /// Signs a JSON payload as jsonwebtoken would sign the same value: an object is a claims payload; a
    /// string is signed as is; a number or boolean is signed as its text; anything else (null, an array)
    /// is refused.
    /// </summary>
    /// <exception cref="JwtSigningException">The payload, an option or the key is not acceptable.</exception>
    public static string Sign(JsonElement payload, SigningKey key, JwtSignOptions? options = null)
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
                var refused = ObjectPayloadOptionsSet(options);
                string kind = payload.ValueKind == JsonValueKind.Number ? "number" : "boolean";
                if (refused.Count > 0) throw SigningErrors.OptionsNotAllowedForStringPayload(refused, kind);
                return Sign(payload.GetRawText(), key, options);
            default:
                throw SigningErrors.PayloadNotPlainObject();
        }
    }

    /// <summary>The options that jsonwebtoken refuses with a non-object payload, in its order.</summary>
    internal static List<string> ObjectPayloadOptionsSet(JwtSignOptions options)
    {
        var set = new List<string>();
        if (options.ExpiresIn is not null) set.Add(JwtOptionNames.ExpiresIn);
        if (options.NotBefore is not null) set.Add(JwtOptionNames.NotBefore);
        if (options.NoTimestamp || options.NoTimestampGiven) set.Add(JwtOptionNames.NoTimestamp);
        if (options.Audience is not null) set.Add(JwtOptionNames.Audience);
        if (options.Issuer is not null) set.Add(JwtOptionNames.Issuer);
        if (options.Subject is not null) set.Add(JwtOptionNames.Subject);
        if (options.JwtId is not null) set.Add(JwtOptionNames.JwtId);
        return set;
    }

    /// <summary><c>header.alg</c> over <c>algorithm</c> over the key's own algorithm.</summary>
    internal static JwtAlgorithm ResolveAlgorithm(JwtSignOptions options, SigningKey key)
    {
        if (options.Header is { } header && header.TryGetValue(Alg, out var headerAlg))
        {
            string? name = headerAlg switch
            {
                string text => text,
                JsonElement { ValueKind: JsonValueKind.String } element => JsonDocuments.GetString(element, "header.alg"),
                _ => throw SigningErrors.AlgorithmNotString("header.alg"),
            };
            if (name == "none") throw SigningErrors.UnsignedTokensRefused("header.alg");
            return JwtAlgorithmNames.TryParse(name, out var parsed) ? parsed : throw SigningErrors.UnknownAlgorithm("header.alg", name);
        }
        var algorithm = options.Algorithm ?? key.DefaultAlgorithm ?? throw SigningErrors.NoDefaultAlgorithm(key);
        if ((uint)algorithm >= (uint)JwtAlgorithmNames.All.Length) throw SigningErrors.UnknownAlgorithm(JwtOptionNames.Algorithm, ((int)algorithm).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return algorithm;
    }

    private static double Now(JwtSignOptions options) => NumericDate(options.TimeProvider ?? TimeProvider.System);

    /// <summary>The current NumericDate, rounded down as jsonwebtoken's <c>Math.floor(Date.now() / 1000)</c>.</summary>
    internal static double NumericDate(TimeProvider time) => Math.Floor(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000d);

    /// <summary>
    /// <c>{alg, typ, kid}</c> with the <c>header</c> option merged over it: members it names replace the
    /// base ones in place (even with null), the others follow in their own order.
    /// </summary>
    internal static void WriteHeader(TokenScratch scratch, JwtAlgorithm algorithm, SigningKey key, JwtSignOptions options, bool objectPayload)
    {
        string? keyId = options.KeyId ?? key.KeyId;
        if (options.Header is null)
        {
            scratch.AppendEncoded(key.GetEncodedHeader(algorithm, keyId, objectPayload));
            return;
        }
        WriteHeader(scratch.StartJson(), algorithm, keyId, options.Header, objectPayload);
        scratch.AppendJsonSegment();
    }

    /// <summary>A header with no extra members, in base64url (cached per key by <see cref="SigningKey"/>).</summary>
    internal static byte[] EncodeHeader(JwtAlgorithm algorithm, string? keyId, bool objectPayload)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteHeader(writer, algorithm, keyId, header: null, objectPayload);
        }
        return System.Buffers.Text.Base64Url.EncodeToUtf8(buffer.WrittenSpan);
    }

    internal static void WriteHeader(Utf8JsonWriter writer, JwtAlgorithm algorithm, string? keyId, IReadOnlyDictionary<string, object?>? header, bool objectPayload)
    {
        writer.WriteStartObject();
        writer.WriteString(Alg, JwtAlgorithmNames.Name(algorithm));

        if (header is not null && header.TryGetValue(Typ, out var typ))
        {
            writer.WritePropertyName(Typ);
            ClaimValueWriter.Write(writer, typ, "header.typ");
        }
        else if (objectPayload)
        {
            writer.WriteString(Typ, "JWT");
        }

        if (header is not null && header.TryGetValue(Kid, out var kid))
        {
            writer.WritePropertyName(Kid);
            ClaimValueWriter.Write(writer, kid, "header.kid");
        }
        else if (keyId is not null)
        {
            writer.WritePropertyName(Kid);
            ClaimValueWriter.WriteString(writer, keyId, "keyid");
        }

        if (header is not null)
        {
            foreach (var (name, value) in header)
            {
                if (name is Alg or Typ or Kid) continue;
                string path = "header." + name;
                ClaimValueWriter.WritePropertyName(writer, name, path);
                ClaimValueWriter.Write(writer, value, path);
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// The payload's own claims in order (with <c>iat</c> set to the timestamp in place, or dropped with
    /// noTimestamp), then the claims the options add: iat, nbf, exp, aud, iss, sub, jti.
    /// </summary>
    private static void WritePayload(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> payload, JwtSignOptions options,
        double timestamp, double? nbf, double? exp, bool payloadHasIat, bool optionClaimsInPayload)
    {
        writer.WriteStartObject();
        if (payload is Dictionary<string, object?> dictionary)
        {
            // Dictionary's struct enumerator: no boxed enumerator per token.
            foreach (var (name, value) in dictionary) WritePayloadClaim(writer, name, value, options, timestamp);
        }
        else
        {
            foreach (var (name, value) in payload) WritePayloadClaim(writer, name, value, options, timestamp);
        }

        if (!optionClaimsInPayload) WriteOptionClaims(writer, options, timestamp, nbf, exp, writeIat: !options.NoTimestamp && !payloadHasIat);
        writer.WriteEndObject();
    }

    /// <summary>One claim of the payload; its <c>iat</c> is the timestamp (or left out with noTimestamp).</summary>
    private static void WritePayloadClaim(Utf8JsonWriter writer, string name, object? value, JwtSignOptions options, double timestamp)
    {
        if (name == Iat)
        {
            if (options.NoTimestamp) return;
            writer.WritePropertyName(IatName);
            ClaimValueWriter.WriteNumber(writer, timestamp);
            return;
        }
        ClaimValueWriter.WritePropertyName(writer, name, name);
        ClaimValueWriter.Write(writer, value, name);
    }

    private static readonly JsonEncodedText IatName = JsonEncodedText.Encode(Iat);
    private static readonly JsonEncodedText NbfName = JsonEncodedText.Encode(Nbf);
    private static readonly JsonEncodedText ExpName = JsonEncodedText.Encode(Exp);

    /// <summary>The claims the options add after the payload's own, in jsonwebtoken's order: iat, nbf, exp, aud, iss, sub, jti.</summary>
    internal static void WriteOptionClaims(Utf8JsonWriter writer, JwtSignOptions options, double timestamp, double? nbf, double? exp, bool writeIat)
    {
        WriteTimeClaims(writer, timestamp, nbf, exp, writeIat);
        WriteConstantOptionClaims(writer, options);
    }

    /// <summary>iat, nbf and exp: the claims that change with every token.</summary>
    internal static void WriteTimeClaims(Utf8JsonWriter writer, double timestamp, double? nbf, double? exp, bool writeIat)
    {
        if (writeIat)
        {
            writer.WritePropertyName(IatName);
            ClaimValueWriter.WriteNumber(writer, timestamp);
        }
        if (nbf is double notBefore)
        {
            writer.WritePropertyName(NbfName);
            ClaimValueWriter.WriteNumber(writer, notBefore);
        }
        if (exp is double expires)
        {
            writer.WritePropertyName(ExpName);
            ClaimValueWriter.WriteNumber(writer, expires);
        }
    }

    /// <summary>aud, iss, sub and jti: the same in every token of given options (a profile writes them once, in its plan).</summary>
    internal static void WriteConstantOptionClaims(Utf8JsonWriter writer, JwtSignOptions options)
    {
        if (options.Audience is { } audience)
        {
            writer.WritePropertyName(Aud);
            WriteAudience(writer, audience);
        }
        WriteOptionalString(writer, Iss, options.Issuer, JwtOptionNames.Issuer);
        WriteOptionalString(writer, Sub, options.Subject, JwtOptionNames.Subject);
        WriteOptionalString(writer, Jti, options.JwtId, JwtOptionNames.JwtId);
    }

    private static void WriteAudience(Utf8JsonWriter writer, JwtAudience audience)
    {
        if (audience.Single is { } single)
        {
            ClaimValueWriter.WriteString(writer, single, JwtOptionNames.Audience);
            return;
        }
        ClaimValueWriter.Write(writer, audience.Values, JwtOptionNames.Audience);
    }

    private static void WriteOptionalString(Utf8JsonWriter writer, string claim, string? value, string option)
    {
        if (value is null) return;
        writer.WritePropertyName(claim);
        ClaimValueWriter.WriteString(writer, value, option);
    }

    /// <summary>
    /// mutatePayload: the caller's dictionary receives what the token carries. Claims written by the
    /// options never collide with existing ones (that is an error above), so the payload written
    /// afterwards from this dictionary is the same token.
    /// </summary>
    private static void Mutate(IReadOnlyDictionary<string, object?> payload, JwtSignOptions options, double timestamp, double? nbf, double? exp)
    {
        if (payload is not IDictionary<string, object?> { IsReadOnly: false } target) throw SigningErrors.MutatePayloadNeedsDictionary();
        if (options.NoTimestamp) target.Remove(Iat);
        else target[Iat] = timestamp;
        if (nbf is not null) target[Nbf] = nbf.Value;
        if (exp is not null) target[Exp] = exp.Value;
        if (options.Audience is { } audience) target[Aud] = audience.Single ?? (object?)audience.Values;
        if (options.Issuer is not null) target[Iss] = options.Issuer;
        if (options.Subject is not null) target[Sub] = options.Subject;
        if (options.JwtId is not null) target[Jti] = options.JwtId;
    }

    /// <summary>The registered time claims a payload already carries; jsonwebtoken checks they are numbers.</summary>
    private readonly record struct PayloadClaims(double? IatValue, bool HasIat, bool HasExp, bool HasNbf)
    {
        public static PayloadClaims Read(IReadOnlyDictionary<string, object?> payload)
        {
            // Lookups rather than a walk over every claim: three hash probes, and no enumerator.
            bool hasIat = payload.TryGetValue(Iat, out var iatValue);
            bool hasExp = payload.TryGetValue(Exp, out var expValue);
            bool hasNbf = payload.TryGetValue(Nbf, out var nbfValue);
            double iat = 0;
            if ((hasIat && !ClaimValueWriter.TryGetNumber(iatValue, out iat))
                || (hasExp && !ClaimValueWriter.TryGetNumber(expValue, out _))
                || (hasNbf && !ClaimValueWriter.TryGetNumber(nbfValue, out _)))
            {
                throw FirstBadTimeClaim(payload);
            }
            return new PayloadClaims(hasIat ? iat : null, hasIat, hasExp, hasNbf);
        }

        /// <summary>jsonwebtoken checks the claims in the payload's order, so the first bad one is the one reported.</summary>
        private static JwtSigningException FirstBadTimeClaim(IReadOnlyDictionary<string, object?> payload)
        {
            foreach (var (name, value) in payload)
            {
                if (name is Iat or Exp or Nbf && !ClaimValueWriter.TryGetNumber(value, out _)) return SigningErrors.PayloadClaimNotNumber(name);
            }
            throw new InvalidOperationException("A time claim was found not to be a number, and then not found.");
        }
    }
}
