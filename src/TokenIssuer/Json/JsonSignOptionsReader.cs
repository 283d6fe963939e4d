using System.Text.Json;

namespace TokenIssuer;

/// <summary>
/// Reads jsonwebtoken's <c>options</c> object from JSON with its validation rules: each member in order,
/// an unknown name or a value of the wrong type is an error (a member present with <c>null</c> too).
/// </summary>
internal static class JsonSignOptionsReader
{
    public static JwtSignOptions Read(JsonElement json)
    {
        if (json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return new JwtSignOptions();
        if (json.ValueKind != JsonValueKind.Object) throw SigningErrors.OptionsNotObject();

        var options = new JwtSignOptions();
        foreach (var member in json.EnumerateObject())
        {
            var value = member.Value;
            switch (member.Name)
            {
                case JwtOptionNames.Algorithm: options.Algorithm = ReadAlgorithm(value); break;
                case JwtOptionNames.ExpiresIn: options.ExpiresIn = ReadDuration(JwtOptionNames.ExpiresIn, value); break;
                case JwtOptionNames.NotBefore: options.NotBefore = ReadDuration(JwtOptionNames.NotBefore, value); break;
                case JwtOptionNames.Audience: options.Audience = ReadAudience(value); break;
                case JwtOptionNames.Issuer: options.Issuer = ReadString(JwtOptionNames.Issuer, value); break;
                case JwtOptionNames.Subject: options.Subject = ReadString(JwtOptionNames.Subject, value); break;
                case JwtOptionNames.JwtId: options.JwtId = ReadString(JwtOptionNames.JwtId, value); break;
                case JwtOptionNames.KeyId: options.KeyId = ReadString(JwtOptionNames.KeyId, value); break;
                case JwtOptionNames.Header: options.Header = ReadHeader(value); break;
                case JwtOptionNames.Encoding: ReadEncoding(value); break;
                case JwtOptionNames.NoTimestamp:
                    options.NoTimestamp = ReadBoolean(JwtOptionNames.NoTimestamp, value);
                    options.NoTimestampGiven = true;
                    break;
                case JwtOptionNames.MutatePayload: options.MutatePayload = ReadBoolean(JwtOptionNames.MutatePayload, value); break;
                case JwtOptionNames.AllowInsecureKeySizes: options.AllowInsecureKeySizes = ReadBoolean(JwtOptionNames.AllowInsecureKeySizes, value); break;
                case JwtOptionNames.AllowInvalidAsymmetricKeyTypes: options.AllowInvalidAsymmetricKeyTypes = ReadBoolean(JwtOptionNames.AllowInvalidAsymmetricKeyTypes, value); break;
                default: throw SigningErrors.OptionNotAllowed(member.Name);
            }
        }
        return options;
    }

    /// <summary>An object's members as claim values, the last of duplicated names winning in the first one's place (as JSON.parse does).</summary>
    public static Dictionary<string, object?> ReadObject(JsonElement json)
    {
        var members = new Dictionary<string, object?>(StringComparer.Ordinal);
        try
        {
            foreach (var member in json.EnumerateObject()) members[member.Name] = member.Value;
        }
        catch (InvalidOperationException e)
        {
            // A member name with an escaped lone surrogate has no .NET string form.
            throw SigningErrors.UnencodableText("payload", e);
        }
        return members;
    }

    private static JwtAlgorithm ReadAlgorithm(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) throw SigningErrors.UnknownAlgorithm(JwtOptionNames.Algorithm, value.ValueKind == JsonValueKind.Null ? null : value.GetRawText());
        string? name = JsonDocuments.GetString(value, JwtOptionNames.Algorithm);
        if (name == "none") throw SigningErrors.UnsignedTokensRefused(JwtOptionNames.Algorithm);
        return JwtAlgorithmNames.TryParse(name, out var algorithm) ? algorithm : throw SigningErrors.UnknownAlgorithm(JwtOptionNames.Algorithm, name);
    }

    private static JwtDuration ReadDuration(string option, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                double seconds = value.GetDouble();
                // lodash isInteger: finite and whole; 1.5 is refused, 1e21 accepted.
                if (double.IsFinite(seconds) && Math.Floor(seconds) == seconds) return JwtDuration.FromSeconds(seconds);
                throw SigningErrors.DurationWrongType(option);
            case JsonValueKind.String:
                string text = JsonDocuments.GetString(value, option);
                if (text.Length == 0) throw SigningErrors.DurationWrongType(option);
                return JwtDuration.TryParse(text, out var duration) ? duration : throw SigningErrors.DurationUnparsable(option, text);
            default:
                throw SigningErrors.DurationWrongType(option);
        }
    }

    private static JwtAudience ReadAudience(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => JwtAudience.FromString(JsonDocuments.GetString(value, JwtOptionNames.Audience)),
        JsonValueKind.Array => JwtAudience.FromValues(value.EnumerateArray().Select(element => (object?)element)),
        _ => throw SigningErrors.AudienceMustBeStringOrArray(),
    };

    private static string ReadString(string option, JsonElement value)
        => value.ValueKind == JsonValueKind.String ? JsonDocuments.GetString(value, option) : throw SigningErrors.OptionMustBeString(option);

    private static bool ReadBoolean(string option, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw SigningErrors.OptionMustBeBoolean(option),
    };

    private static Dictionary<string, object?> ReadHeader(JsonElement value)
        => value.ValueKind == JsonValueKind.Object ? ReadObject(value) : throw SigningErrors.HeaderMustBeObject();

    /// <summary>Payloads are always UTF-8 here; jsonwebtoken's other encodings corrupt non-ASCII text.</summary>
    private static void ReadEncoding(JsonElement value)
    {
        string encoding = ReadString(JwtOptionNames.Encoding, value);
        if (encoding.Length == 0 || encoding.Equals("utf8", StringComparison.OrdinalIgnoreCase) || encoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase)) return;
        throw new JwtSigningException(JwtOptionNames.Encoding,
            $"\"encoding\" \"{encoding}\" is not supported: TokenIssuer writes payloads as UTF-8. Remove the option or set it to \"utf8\".");
    }
}
