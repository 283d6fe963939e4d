using System.Globalization;
using FsCheck;
using Microsoft.FSharp.Core;

namespace TokenIssuer.HardeningTests;

/// <summary>
/// Runs an FsCheck property inside a [Fact] with the suite's replay (<see cref="Seeds.Replay"/>), so the
/// test can assert on what the cases did once they have all run (a [Property] method cannot: FsCheck
/// runs it after the method returns).
/// </summary>
internal static class PropertyRuns
{
    public static void Check(Property property, int maxTest = Seeds.MaxTest)
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(FSharpOption<Replay>.Some(new Replay(Rnd(), FSharpOption<int>.None)));
        FsCheck.Check.One(config, property);
    }

    /// <summary>FsCheck's "(seed,gamma)" replay text, as [Property(Replay = ...)] reads it.</summary>
    private static Rnd Rnd()
    {
        var parts = Seeds.Replay.Trim('(', ')').Split(',');
        return new Rnd(ulong.Parse(parts[0], CultureInfo.InvariantCulture), ulong.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
