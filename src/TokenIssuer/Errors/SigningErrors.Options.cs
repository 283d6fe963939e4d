namespace TokenIssuer;

/// <summary>The options object, validated as jsonwebtoken validates it.</summary>
internal static partial class SigningErrors
{
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
        $"\"{option}\" should be a number of seconds or string representing a timespan eg: \"1d\", \"20h\", 60. {Quoted(text)} is not one: write {DurationParser.GrammarHint}. A string with no unit is milliseconds.");

    private static string Quoted(string text) => text.Length <= 40 && !SensitiveText.LooksLikeKeyMaterial(text) ? $"\"{text}\"" : SensitiveText.Withheld(text);
}
