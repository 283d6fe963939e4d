namespace TokenIssuer.Cli.Arguments;

/// <summary>
/// How an error message shows a value from the command line: quoted when it is safe to repeat, or by its
/// length only when it may be a key or a secret put in the wrong place (a PEM, a JWK, long random-looking
/// text). Shells keep command lines in history and terminals get screen-shared: a message must never be
/// the place a secret leaks from.
/// </summary>
internal static class QuotedValue
{
    /// <summary>The longest value quoted as it is for a flag whose valid values are short (an algorithm, a duration, a time).</summary>
    public const int ShortValueLimit = 32;

    /// <summary><c>"value"</c>, or <c>(a value of N characters, not shown)</c> when it may be key material.</summary>
    public static string Of(string value)
        => MayBeKeyMaterial(value) ? Withheld(value) : $"\"{value}\"";

    /// <summary>As <see cref="Of"/>, and also withheld when longer than any valid value of a short-valued flag.</summary>
    public static string OfShort(string value)
        => value.Length > ShortValueLimit || MayBeKeyMaterial(value) ? Withheld(value) : $"\"{value}\"";

    public static string Withheld(string value) => $"(a value of {value.Length} characters, not shown)";

    /// <summary>
    /// True for a PEM marker, a line break, JSON (a JWK), or a run of 20 or more characters without a
    /// separator that mixes three kinds of character (upper case, lower case, digits, '+' and '='),
    /// which is what generated secrets look like and names and paths rarely do.
    /// </summary>
    public static bool MayBeKeyMaterial(string value)
    {
        if (value.Contains("-----BEGIN", StringComparison.Ordinal) || value.Contains("-----END", StringComparison.Ordinal)
            || value.Contains("PRIVATE KEY", StringComparison.Ordinal)
            || value.AsSpan().IndexOfAny('\n', '\r') >= 0
            || value.AsSpan().TrimStart().StartsWith("{"))
        {
            return true;
        }
        int start = 0;
        for (int i = 0; i <= value.Length; i++)
        {
            if (i < value.Length && !IsSeparator(value[i])) continue;
            if (i - start >= 20 && Kinds(value.AsSpan(start, i - start)) >= 3) return true;
            start = i + 1;
        }
        return false;
    }

    // '.', '-', '_', '/' and spaces separate the words of names and paths (a base64 secret has a '/' in one
    // place in 64, so it stays in long runs); base64's '+' and '=' do not separate.
    private static bool IsSeparator(char c) => c is '.' or '-' or '_' or '/' or ' ' or '\t' or '\\' or ':';

    private static int Kinds(ReadOnlySpan<char> run)
    {
        bool upper = false, lower = false, digit = false, symbol = false;
        foreach (char c in run)
        {
            if (char.IsAsciiLetterUpper(c)) upper = true;
            else if (char.IsAsciiLetterLower(c)) lower = true;
            else if (char.IsAsciiDigit(c)) digit = true;
            else if (c is '+' or '=') symbol = true;
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }
}
