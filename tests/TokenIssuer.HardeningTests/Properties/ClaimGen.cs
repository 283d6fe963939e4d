using FsCheck;
using FsCheck.Fluent;

namespace TokenIssuer.HardeningTests.Properties;

/// <summary>Generators of arbitrary text: every kind of UTF-16 code unit, well-formed or not, short or 10k long.</summary>
internal static class ClaimGen
{
    private static Gen<char> Range(int from, int to) => Gen.Choose(from, to).Select(i => (char)i);

    /// <summary>One piece of text: a character, a surrogate pair, or a lone surrogate.</summary>
    private static readonly Gen<string> Piece = Gen.Frequency(
        (90, Range(0x20, 0x7E).Select(c => c.ToString())),
        (18, Range(0x00, 0x1F).Select(c => c.ToString())),
        (6, Gen.Elements('\u007F', '\u0085', '\u00A0', '\u2028', '\u2029', '\uFEFF', '\uFFFE', '\uFFFF', '"', '\\', '/', '<', '>', '&', '\'', '+').Select(c => c.ToString())),
        (30, Range(0x80, 0xD7FF).Select(c => c.ToString())),
        (12, Range(0xE000, 0xFFFF).Select(c => c.ToString())),
        (18, from high in Range(0xD800, 0xDBFF) from low in Range(0xDC00, 0xDFFF) select new string([high, low])),
        (1, Range(0xD800, 0xDBFF).Select(c => c.ToString())),
        (1, Range(0xDC00, 0xDFFF).Select(c => c.ToString())));

    private static Gen<string> Text(int maxPieces)
        => from count in Gen.Choose(0, maxPieces)
           from pieces in Gen.ArrayOf(Piece, count)
           select string.Concat(pieces);

    /// <summary>Mostly short text; one in twenty a string of at least 10,000 UTF-16 code units.</summary>
    public static readonly Gen<string> AnyText = Gen.Frequency(
        (19, Text(40)),
        (1, from chunk in Text(40).Where(t => t.Length > 0) select Repeat(chunk, 10_000)));

    /// <summary>Text with no lone surrogate (what UTF-8, and so JSON in a JWT, can carry).</summary>
    public static readonly Gen<string> WellFormedText = AnyText.Select(RemoveLoneSurrogates);

    public static bool IsWellFormed(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }

    private static string RemoveLoneSurrogates(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) builder.Append(text, i++, 2);
            else if (!char.IsSurrogate(text[i])) builder.Append(text[i]);
        }
        return builder.ToString();
    }

    private static string Repeat(string chunk, int minimumLength)
    {
        var builder = new System.Text.StringBuilder(minimumLength + chunk.Length);
        while (builder.Length < minimumLength) builder.Append(chunk);
        return builder.ToString();
    }
}
