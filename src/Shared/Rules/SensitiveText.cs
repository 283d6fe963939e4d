using System;
using System.Collections.Generic;

namespace TokenIssuer;

/// <summary>
/// The one rule for what a message may repeat, shared by start-up validation, reload logs, the source
/// generator's build diagnostics and the command line. Messages land in build logs, CI output, log
/// stores and screen shares: a value that may be key material is never echoed. The message names the
/// option instead, gives the value's length and says what was expected.
/// <para>
/// A value <b>looks like key material</b> when it
/// <list type="number">
/// <item>holds a PEM marker (<c>-----BEGIN</c> or <c>-----END</c>), or</item>
/// <item>holds long random-looking text: a run of at least <see cref="MinimumRun"/> characters between
/// separators (<c>. - _ / \ :</c> and white space) that mixes at least three of upper case, lower case,
/// digits and <c>+</c>/<c>=</c> (base64), or a run of at least <see cref="MinimumHexRun"/> hex digits, or is
/// as a whole at least <see cref="MinimumWholeValue"/> characters of the base64url alphabet mixing upper
/// case, lower case and digits, or</item>
/// <item>holds the text of a secret configured in the same configuration (an instance built with
/// <see cref="SensitiveText(IEnumerable{string})"/>: a Secret, SecretBase64, Passphrase, or a PEM's or
/// JWK's long strings; secrets shorter than <see cref="MinimumSearchedSecret"/> characters are not looked for).</item>
/// </list>
/// Names and paths rarely do: words are short and separated, a GUID is hex in short groups. The words
/// "PRIVATE KEY" alone are not key material (a message may well name a PEM label).
/// </para>
/// Plain, dependency-free C# for netstandard2.0 and net10.0.
/// </summary>
internal sealed class SensitiveText
{
    /// <summary>The shortest separator-free run of mixed characters counted as random text (a 15-byte secret in base64).</summary>
    public const int MinimumRun = 20;

    /// <summary>The shortest run of hex digits counted as random text (20 bytes in hex): a GUID written without hyphens (32) stays quotable, as temporary paths hold them.</summary>
    public const int MinimumHexRun = 40;

    /// <summary>The shortest value that, written entirely in the base64url alphabet with mixed case and digits, counts as random text.</summary>
    public const int MinimumWholeValue = 24;

    /// <summary>
    /// Configured secrets shorter than this are not looked for (they would match ordinary words such as an option's
    /// name); no HMAC algorithm accepts so short a secret without AllowInsecureKeySizes.
    /// </summary>
    public const int MinimumSearchedSecret = 8;

    /// <summary>The heuristic rules only: no configured secrets known.</summary>
    public static readonly SensitiveText Heuristic = new(Array.Empty<string>());

    private readonly List<string> _secrets = new();

    /// <param name="configuredSecrets">The texts of the secrets configured alongside (null and empty entries are ignored).</param>
    public SensitiveText(IEnumerable<string?> configuredSecrets)
    {
        foreach (var secret in configuredSecrets)
        {
            if (string.IsNullOrEmpty(secret)) continue;
            string trimmed = secret!.Trim();
            if (trimmed.Length >= MinimumSearchedSecret && !_secrets.Contains(trimmed)) _secrets.Add(trimmed);
        }
        // Longest first, so that a scrub replaces a whole secret before a shorter one inside it.
        _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
    }

    /// <summary>The texts of a key's material worth withholding: the whole value and, for a PEM or JWK, each long line or string in it.</summary>
    public static IEnumerable<string> PiecesOf(string? material)
    {
        if (string.IsNullOrEmpty(material)) yield break;
        yield return material!;
        foreach (string piece in material!.Split(new[] { '\n', '\r', '"', ',', '{', '}', ':', ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (piece.Length >= 16 && !piece.StartsWith("-----", StringComparison.Ordinal)) yield return piece;
        }
    }

    /// <summary>True when <paramref name="value"/> must not be repeated: it looks like key material or holds a configured secret.</summary>
    public bool IsSensitive(string? value)
    {
        if (value is null || value.Length == 0) return false;
        return LooksLikeKeyMaterial(value) || HoldsSecret(value);
    }

    /// <summary>True when <paramref name="value"/> holds the text of a configured secret (rule 3 only).</summary>
    public bool HoldsSecret(string? value)
    {
        if (value is null || value.Length == 0) return false;
        foreach (string secret in _secrets)
        {
            if (value.IndexOf(secret, StringComparison.Ordinal) >= 0) return true;
        }
        return false;
    }

    /// <summary><c>"value"</c>, or <see cref="Withheld"/> when it must not be repeated.</summary>
    public string Quote(string value) => IsSensitive(value) ? Withheld(value) : "\"" + value + "\"";

    /// <summary><see cref="Quote"/> with the heuristic rules only, for sentences written without the configuration at hand.</summary>
    public static string QuoteValue(string value) => Heuristic.Quote(value);

    /// <summary>
    /// A file path as a message shows it: quoted, unless it must not be repeated or does not look like a path at all
    /// (no directory separator and no file extension, such as a secret given where the path goes): then by its length.
    /// </summary>
    public string QuotePath(string path) => !IsSensitive(path) && LooksLikePath(path) ? "\"" + path + "\"" : Withheld(path);

    /// <summary>True when <paramref name="path"/> has a directory separator or ends in a file extension of 1 to 5 letters or digits.</summary>
    public static bool LooksLikePath(string path)
    {
        if (path.IndexOf('/') >= 0 || path.IndexOf('\\') >= 0) return true;
        int dot = path.LastIndexOf('.');
        if (dot <= 0 || path.Length - dot - 1 is < 1 or > 5) return false;
        for (int i = dot + 1; i < path.Length; i++)
        {
            if (!char.IsLetterOrDigit(path[i])) return false;
        }
        return true;
    }

    /// <summary>The longest value quoted as it is where every valid value is short (an algorithm, a duration, a JWK's kty).</summary>
    public const int ShortValueLimit = 32;

    /// <summary>
    /// As <see cref="QuoteValue"/>, and also withheld when longer than <see cref="ShortValueLimit"/>: where valid
    /// values are short, a long one is something pasted in the wrong place, quite possibly a secret written as words.
    /// </summary>
    public static string QuoteShort(string value) => value.Length > ShortValueLimit ? Withheld(value) : QuoteValue(value);

    /// <summary>How a withheld value is shown: by its length.</summary>
    public static string Withheld(string value) => $"(a value of {value.Length} characters, not shown)";

    /// <summary>
    /// A configuration path (<c>JwtIssuer:Keys:Main:Secret</c>) with each segment that must not be repeated
    /// (a secret used as a key's name) shown by its length instead.
    /// </summary>
    public string Path(string path)
    {
        if (!IsSensitive(path)) return path;
        string[] segments = path.Split(':');
        for (int i = 0; i < segments.Length; i++)
        {
            if (IsSensitive(segments[i])) segments[i] = $"(a name of {segments[i].Length} characters, not shown)";
        }
        string joined = string.Join(":", segments);
        // A secret that itself holds ':' spans segments: withhold the whole path but its first segment.
        return IsSensitive(joined) ? $"{segments[0]}:(a path of {path.Length} characters, not shown)" : joined;
    }

    /// <summary>
    /// The message with every configured secret (each long line of a PEM, each long string of a JWK) replaced by its length: the safety net
    /// at the boundary (exceptions, logs, diagnostics) for a sentence that quoted a value it should not have.
    /// </summary>
    public string Scrub(string message)
    {
        string result = message;
        foreach (string secret in _secrets)
        {
            string shown = Withheld(secret);
            result = Replace(Replace(result, "\"" + secret + "\"", shown), secret, shown);
        }
        return result;
    }

    /// <summary>True for a PEM marker or long random-looking text (rules 1 and 2 of the class summary).</summary>
    public static bool LooksLikeKeyMaterial(string? value)
    {
        if (value is null || value.Length == 0) return false;
        if (value.IndexOf("-----BEGIN", StringComparison.Ordinal) >= 0 || value.IndexOf("-----END", StringComparison.Ordinal) >= 0) return true;
        if (value.Length >= MinimumWholeValue && IsMixedBase64Url(value)) return true;
        int start = 0;
        for (int i = 0; i <= value.Length; i++)
        {
            if (i < value.Length && !IsSeparator(value[i])) continue;
            int length = i - start;
            if (length >= MinimumRun && Kinds(value, start, length) >= 3) return true;
            if (length >= MinimumHexRun && IsHex(value, start, length)) return true;
            start = i + 1;
        }
        return false;
    }

    // '.', '-', '_', '/', ':' and spaces separate the words of names and paths (a base64 secret has a '/' in one
    // place in 64, so it stays in long runs); base64's '+' and '=' do not separate.
    private static bool IsSeparator(char c) => c == '.' || c == '-' || c == '_' || c == '/' || c == '\\' || c == ':' || char.IsWhiteSpace(c);

    private static int Kinds(string value, int start, int length)
    {
        bool upper = false, lower = false, digit = false, symbol = false;
        for (int i = start; i < start + length; i++)
        {
            char c = value[i];
            if (c >= 'A' && c <= 'Z') upper = true;
            else if (c >= 'a' && c <= 'z') lower = true;
            else if (c >= '0' && c <= '9') digit = true;
            else if (c == '+' || c == '=') symbol = true;
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }

    private static bool IsHex(string value, int start, int length)
    {
        for (int i = start; i < start + length; i++)
        {
            char c = value[i];
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) return false;
        }
        return true;
    }

    /// <summary>Base64url text (a generated secret, a JWK member) split by its own '-' and '_' into short runs.</summary>
    private static bool IsMixedBase64Url(string value)
    {
        bool upper = false, lower = false, digit = false;
        foreach (char c in value)
        {
            if (c >= 'A' && c <= 'Z') upper = true;
            else if (c >= 'a' && c <= 'z') lower = true;
            else if (c >= '0' && c <= '9') digit = true;
            else if (c != '-' && c != '_' && c != '=') return false;
        }
        return upper && lower && digit;
    }

    private static string Replace(string text, string part, string replacement)
    {
        int at = text.IndexOf(part, StringComparison.Ordinal);
        if (at < 0) return text;
        var builder = new System.Text.StringBuilder(text.Length);
        int from = 0;
        while (at >= 0)
        {
            builder.Append(text, from, at - from).Append(replacement);
            from = at + part.Length;
            at = text.IndexOf(part, from, StringComparison.Ordinal);
        }
        return builder.Append(text, from, text.Length - from).ToString();
    }
}
