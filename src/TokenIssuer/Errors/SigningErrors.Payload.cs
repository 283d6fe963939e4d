namespace TokenIssuer;

/// <summary>The payload: its shape, its time claims, claims the options would set again, and values with no JSON form.</summary>
internal static partial class SigningErrors
{
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
}
