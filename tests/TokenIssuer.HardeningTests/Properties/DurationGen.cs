using FsCheck;
using FsCheck.Fluent;

namespace TokenIssuer.HardeningTests.Properties;

/// <summary>Generators of duration strings: valid ones (number × spaces × unit alias × case) and mutations of them.</summary>
internal static class DurationGen
{
    private static Gen<string> Digits(int min, int max)
        => from count in Gen.Choose(min, max)
           from digits in Gen.ArrayOf(Gen.Elements("0123456789".ToCharArray()), count)
           select new string(digits);

    /// <summary>"12", "1.5", ".5", "007", and sometimes a long run of digits near the 100-character limit.</summary>
    public static readonly Gen<string> Number =
        from sign in Gen.Frequency((3, Gen.Constant("")), (1, Gen.Constant("-")))
        from body in Gen.Frequency(
            (5, Digits(1, 6)),
            (3, from i in Digits(1, 4) from f in Digits(1, 4) select i + "." + f),
            (2, from f in Digits(1, 4) select "." + f),
            (1, Digits(60, 99)))
        select sign + body;

    private static Gen<string> RandomCase(string unit)
        => from upper in Gen.ArrayOf(Gen.Elements(true, false), unit.Length)
           select new string(unit.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : c).ToArray());

    public static readonly Gen<string> Unit =
        Gen.Frequency(
            (1, Gen.Constant("")),
            (6, from unit in Gen.Elements(MsModel.Units) from cased in RandomCase(unit) select cased));

    /// <summary>Strings ms accepts (unless a long number pushed one past 100 characters).</summary>
    public static readonly Gen<string> Valid =
        from number in Number
        from spaces in Gen.Frequency((4, Gen.Constant(0)), (3, Gen.Choose(1, 3)))
        from unit in Unit
        select number + (unit.Length == 0 ? "" : new string(' ', spaces)) + unit;

    /// <summary>Characters that commonly break duration parsers: whitespace of every kind, signs, exponents, look-alikes.</summary>
    private static readonly char[] Troublemakers =
    [
        ' ', '\t', '\n', '\r', '\v', '\f', '\u00A0', '\u2007', '\u3000', '+', '-', 'e', 'E', '.', ',', '_', '\'', '\0',
        'ſ', 'İ', 'ı', '\u212A', '１', '٣', '۵', 'x', 'o', 'O', 'n', 'N', 'I', '∞', '\uD800', '\uDC00', 'μ', 'µ',
    ];

    private static Gen<string> Insert(string s)
        => from position in Gen.Choose(0, s.Length) from c in Gen.Elements(Troublemakers) select s.Insert(position, c.ToString());

    private static Gen<string> Replace(string s)
        => s.Length == 0 ? Gen.Constant(s)
         : from position in Gen.Choose(0, s.Length - 1) from c in Gen.Elements(Troublemakers) select s.Remove(position, 1).Insert(position, c.ToString());

    private static Gen<string> Delete(string s)
        => s.Length == 0 ? Gen.Constant(s) : from position in Gen.Choose(0, s.Length - 1) select s.Remove(position, 1);

    /// <summary>One mutation of a valid string; the result may happen to be valid still (the model decides).</summary>
    public static readonly Gen<string> Mutated =
        from valid in Valid
        from mutated in Gen.OneOf(
            Insert(valid), Replace(valid), Delete(valid),
            Gen.Constant(" " + valid), Gen.Constant(valid + " "), Gen.Constant(valid + "\n"), Gen.Constant("\t" + valid),
            Gen.Constant(valid + valid), Gen.Constant(valid + " 3h"), Gen.Constant("+" + valid), Gen.Constant(valid + "e3"),
            Gen.Constant(valid.ToUpperInvariant() + "S"), Gen.Constant(valid + "mo"), Gen.Constant(valid.Replace('.', ',')),
            Gen.Constant(new string('0', Math.Max(0, 101 - valid.Length)) + valid),
            Gen.Constant(new string('0', Math.Max(0, 100 - valid.Length)) + valid))
        select mutated;

    /// <summary>Valid and mutated strings, half each.</summary>
    public static readonly Gen<string> Any = Gen.OneOf(Valid, Mutated);
}
