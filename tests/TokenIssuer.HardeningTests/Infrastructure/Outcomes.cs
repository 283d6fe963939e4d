namespace TokenIssuer.HardeningTests;

/// <summary>
/// How many generated inputs reached the success path (a key, a token, a document) and how many were
/// refused. A test that only checks that nothing crashed passes against code that refuses everything;
/// with these counts it also asserts a lower bound on successes, derived from what its generator makes.
/// </summary>
internal sealed class Outcomes
{
    private int _succeeded;
    private int _refused;

    public int Succeeded => Volatile.Read(ref _succeeded);

    public int Refused => Volatile.Read(ref _refused);

    public int Total => Succeeded + Refused;

    /// <summary>Counts one input and returns whether it succeeded.</summary>
    public bool Record(bool succeeded)
    {
        if (succeeded) Interlocked.Increment(ref _succeeded);
        else Interlocked.Increment(ref _refused);
        return succeeded;
    }

    /// <summary>Fails unless at least <paramref name="minimum"/> inputs succeeded; <paramref name="because"/> says why that many must.</summary>
    public void AssertSucceededAtLeast(int minimum, string because)
        => Assert.True(Succeeded >= minimum,
            $"only {Succeeded} of {Total} inputs reached the success path ({Refused} refused), expected at least {minimum}: {because}");

    /// <summary>Fails unless at least <paramref name="minimum"/> inputs were refused: the generator still makes garbage.</summary>
    public void AssertRefusedAtLeast(int minimum, string because)
        => Assert.True(Refused >= minimum,
            $"only {Refused} of {Total} inputs were refused ({Succeeded} succeeded), expected at least {minimum}: {because}");

    /// <summary>Fails unless every input succeeded (and there was at least one): for inputs valid by construction.</summary>
    public void AssertAllSucceeded(string because)
        => Assert.True(Refused == 0 && Succeeded > 0,
            $"{Refused} of {Total} inputs were refused, but every one must succeed: {because}");

    public override string ToString() => $"{Succeeded} succeeded, {Refused} refused";
}
