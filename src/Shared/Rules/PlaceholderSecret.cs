using System;
using System.Collections.Generic;
using System.Text;

namespace TokenIssuer;

/// <summary>
/// The rule for HMAC secrets that are no secret: a placeholder left where the real secret belongs signs
/// tokens anyone can forge, however long it is (the README once showed
/// <c>"set in user-secrets or the environment"</c>, 38 bytes, which passed the length check). Shared by
/// start-up (a configured profile key is refused), the source generator (a build error at the JSON line)
/// and the command line (<c>sign</c> follows jsonwebtoken and only warns).
/// <para>
/// A secret is a placeholder when it
/// <list type="bullet">
/// <item>is, once lower-cased and stripped of everything but letters and digits, a known placeholder word
/// (<c>secret</c>, <c>password</c>, <c>changeme</c>, <c>jwtsecret</c>, …), or contains one of the longer
/// phrases (<c>changeme</c>, <c>replaceme</c>, <c>yoursecret</c>, <c>secrethere</c>, <c>placeholder</c>,
/// <c>setinusersecrets</c>, …), or starts with <c>todo</c>, <c>fixme</c> or <c>tbd</c>;</item>
/// <item>is wrapped as a template slot or an unexpanded variable: <c>&lt;…&gt;</c>, <c>{{…}}</c>, <c>${…}</c>,
/// <c>$NAME</c>, <c>%NAME%</c>, <c>#{…}</c>;</item>
/// <item>reads as prose: four or more words of letters separated by spaces, with no digits;</item>
/// <item>or is trivially low-entropy: <see cref="LowEntropyFrom"/> characters or more, of fewer than
/// <see cref="MinimumDistinct"/> distinct characters (one repeated letter, <c>abcabc…</c>).</item>
/// </list>
/// A generated secret (<c>tokenissuer keys new --alg HS256</c>, <c>openssl rand -base64 32</c>) is none of these.
/// </para>
/// </summary>
internal static class PlaceholderSecret
{
    /// <summary>A secret with fewer distinct characters (or bytes) than this is trivially low-entropy.</summary>
    public const int MinimumDistinct = 5;

    /// <summary>
    /// The distinct-character rule applies from this length on: a shorter secret is the length rule's business
    /// (refused as shorter than the hash unless the profile names the escape, AllowInsecureKeySizes).
    /// </summary>
    public const int LowEntropyFrom = 8;

    /// <summary>The fewest words that make a secret read as prose.</summary>
    public const int ProseWords = 4;

    private static readonly string[] Words =
    {
        "secret", "password", "passwd", "changeme", "changeit", "jwtsecret", "mysecret", "supersecret", "secretkey",
        "signingkey", "jwtkey", "key", "test", "testing", "example", "sample", "default", "dummy", "none", "null",
        "empty", "qwerty", "letmein", "abc123", "123456", "12345678", "admin",
    };

    private static readonly string[] Phrases =
    {
        "changeme", "changethis", "replaceme", "replacethis", "yoursecret", "yourkey", "yourjwt", "secrethere", "keyhere",
        "placeholder", "setinusersecrets", "setintheenvironment", "fromusersecrets", "fromtheenvironment", "notasecret",
        "insertsecret", "insertkey", "putyour", "generateone", "donotuse", "dontuse",
        "bitsecret", // jwt.io's "your-256-bit-secret"
    };

    private static readonly string[] Prefixes = { "todo", "fixme", "tbd" };

    /// <summary>Why <paramref name="secret"/> is a placeholder, as a clause ("is a placeholder phrase"), or null when it is not one.</summary>
    public static string? Reason(string secret)
    {
        string text = secret.Trim();
        if (text.Length == 0) return null;
        if (IsTemplate(text)) return "is a template slot or an unexpanded variable, not its value";

        string letters = Normalise(text);
        if (Array.IndexOf(Words, letters) >= 0) return "is a placeholder word";
        foreach (string phrase in Phrases)
        {
            if (letters.IndexOf(phrase, StringComparison.Ordinal) >= 0) return "is a placeholder phrase";
        }
        foreach (string prefix in Prefixes)
        {
            // Random text may start with these letters by chance: only plain text counts.
            if (letters.StartsWith(prefix, StringComparison.Ordinal) && !SensitiveText.LooksLikeKeyMaterial(text)) return "is a placeholder phrase";
        }
        if (IsProse(text)) return "reads as prose (words anyone can guess), not random bytes";
        if (text.Length >= LowEntropyFrom && Distinct(text) < MinimumDistinct) return $"has fewer than {MinimumDistinct} distinct characters";
        return null;
    }

    /// <summary>Why the bytes of a secret given as base64 are no secret (fewer than <see cref="MinimumDistinct"/> distinct bytes), or null.</summary>
    public static string? BytesReason(byte[] bytes)
    {
        var seen = new HashSet<byte>(bytes);
        return bytes.Length >= LowEntropyFrom && seen.Count < MinimumDistinct ? $"has fewer than {MinimumDistinct} distinct bytes" : null;
    }

    /// <summary>The sentence for a placeholder secret: what it is and how to make a real one. Never quotes the secret.</summary>
    /// <param name="reason">From <see cref="Reason"/>.</param>
    /// <param name="length">The secret's length in characters.</param>
    /// <param name="use">Where the real secret goes, by default a profile key's SecretBase64.</param>
    public static string Sentence(string reason, int length, string use = "set it as SecretBase64 in user-secrets or an environment variable") =>
        $"the secret ({length} characters, not shown) {reason}: anyone could forge the tokens it signs. " +
        $"Make a real secret with `tokenissuer keys new --alg HS256` (or `openssl rand -base64 32`) and {use}.";

    private static bool IsTemplate(string text)
    {
        if (text.Length < 2) return false;
        if (text[0] == '<' && text[text.Length - 1] == '>') return true;
        if (text.StartsWith("{{", StringComparison.Ordinal) && text.EndsWith("}}", StringComparison.Ordinal)) return true;
        if ((text.StartsWith("${", StringComparison.Ordinal) || text.StartsWith("#{", StringComparison.Ordinal)) && text.EndsWith("}", StringComparison.Ordinal)) return true;
        if (text[0] == '%' && text[text.Length - 1] == '%' && IsVariableName(text, 1, text.Length - 2)) return true;
        return text[0] == '$' && IsVariableName(text, 1, text.Length - 1);
    }

    private static bool IsVariableName(string text, int start, int length)
    {
        if (length == 0 || char.IsDigit(text[start])) return false;
        for (int i = start; i < start + length; i++)
        {
            char c = text[i];
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) return false;
        }
        return true;
    }

    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    private static bool IsProse(string text)
    {
        int words = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            if (char.IsDigit(c)) return false;
            if (c == ' ')
            {
                inWord = false;
                continue;
            }
            if (!char.IsLetter(c) && c != '-' && c != '\'' && c != ',' && c != '.' && c != '!' && c != '?' && c != ';' && c != ':') return false;
            if (!inWord && char.IsLetter(c)) words++;
            inWord = true;
        }
        return words >= ProseWords;
    }

    private static int Distinct(string text)
    {
        var seen = new HashSet<char>();
        foreach (char c in text) seen.Add(c);
        return seen.Count;
    }
}
