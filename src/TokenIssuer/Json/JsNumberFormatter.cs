using System.Globalization;
using System.Text;

namespace TokenIssuer;

/// <summary>
/// Formats a double as JavaScript's <c>Number.prototype.toString</c> does (ECMA-262 Number::toString):
/// the shortest round-trip digits, plain notation from 1e-7 up to 1e21, <c>1e+21</c> / <c>1e-7</c> style
/// beyond, and <c>0</c> for negative zero. .NET's own format would write <c>1E+21</c> and <c>1E-07</c>.
/// </summary>
internal static class JsNumberFormatter
{
    /// <summary>
    /// Whether <paramref name="value"/> is a whole number JSON writers can write as an integer with the same text
    /// JavaScript gives (below 2^53, where every integer is exact).
    /// </summary>
    public static bool IsSafeInteger(double value) => Math.Abs(value) < 9007199254740992d && Math.Floor(value) == value;

    /// <summary>
    /// <paramref name="value"/> as UTF-8 JSON into <paramref name="destination"/> (at least 32 bytes): what
    /// <see cref="ClaimValueWriter.WriteNumber"/> writes, <c>null</c> for NaN and the infinities as JSON.stringify does.
    /// Returns the bytes written.
    /// </summary>
    public static int FormatUtf8(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value))
        {
            "null"u8.CopyTo(destination);
            return 4;
        }
        if (IsSafeInteger(value))
        {
            return System.Buffers.Text.Utf8Formatter.TryFormat((long)value, destination, out int written)
                ? written
                : throw new ArgumentException("Unreachable: 32 bytes hold every long.", nameof(destination));
        }
        return Encoding.ASCII.GetBytes(Format(value), destination);
    }

    public static string Format(double value)
    {
        if (value == 0) return "0";
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "Infinity" : "-Infinity";

        // "R" gives the shortest digits that round-trip, as ECMA-262 asks for.
        var (digits, exponent) = Decompose(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));

        // value = 0.digits × 10^n
        int k = digits.Length;
        int n = exponent + 1;
        var builder = new StringBuilder(32);
        if (value < 0) builder.Append('-');

        if (k <= n && n <= 21)
        {
            builder.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            builder.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            builder.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            builder.Append(digits[0]);
            if (k > 1) builder.Append('.').Append(digits, 1, k - 1);
            builder.Append('e').Append(n - 1 >= 0 ? '+' : '-').Append(Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>Splits .NET's round-trip text ("1.5E+21", "123.45", "1E-07") into significant digits and the decimal exponent of the first digit.</summary>
    private static (string Digits, int Exponent) Decompose(string text)
    {
        int e = text.IndexOfAny(['E', 'e']);
        string mantissa = e < 0 ? text : text[..e];
        int exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        int point = mantissa.IndexOf('.');
        string integerPart = point < 0 ? mantissa : mantissa[..point];
        string fractionPart = point < 0 ? "" : mantissa[(point + 1)..];
        string all = integerPart + fractionPart;
        int firstNonZero = 0;
        while (firstNonZero < all.Length - 1 && all[firstNonZero] == '0') firstNonZero++;
        string digits = all[firstNonZero..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        // Position of the first significant digit relative to the decimal point.
        exponent += integerPart.Length - 1 - firstNonZero;
        return (digits, exponent);
    }
}
