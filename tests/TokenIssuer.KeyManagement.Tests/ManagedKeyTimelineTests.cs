namespace TokenIssuer.KeyManagement.Tests;

public class ManagedKeyTimelineTests
{
    // Settings: RotationInterval 90 s, PropagationTime 14 s, RetentionTime 14 s. Keys: "kid@created seconds".
    // Expected: "kid=State" for each key, oldest first; the signer is the Active one.
    public static TheoryData<string, string, double, string, bool> Cases => new()
    {
        { "empty store: a key is due", "", 0, "", true },
        { "first start: the first key signs at once", "a@0", 0, "a=Active", false },
        { "first start race: the oldest signs, the other waits", "a@0 b@0.5", 1, "a=Active b=Announced", false },
        { "first start race with equal times: the smaller kid signs", "b@0 a@0", 1, "a=Active b=Announced", false },
        { "a key is not due before RotationInterval - PropagationTime", "a@0", 75.9, "a=Active", false },
        { "a key is due PropagationTime before the active one reaches RotationInterval", "a@0", 76, "a=Active", true },
        { "the new key is announced, the old one signs", "a@0 b@76", 89.9, "a=Active b=Announced", false },
        { "activation: the successor signs at the old key's rotation", "a@0 b@76", 90, "a=Retired b=Active", false },
        { "the retired key stays for RetentionTime", "a@0 b@76", 103.9, "a=Retired b=Active", false },
        { "then it expires", "a@0 b@76", 104, "a=Expired b=Active", false },
        { "rotation overdue: the old key signs until its late successor activates", "a@0 b@200", 213.9, "a=Active b=Announced", false },
        { "rotation overdue: then the successor takes over", "a@0 b@200", 214, "a=Retired b=Active", false },
        { "an overdue key without a successor keeps signing, and one is due", "a@0", 500, "a=Active", true },
        { "clock skew: a created time in the future counts as now (first start)", "a@50", 10, "a=Active", false },
        { "clock skew: a future successor is announced from now", "a@0 b@100", 80, "a=Active b=Announced", false },
        { "a spare key from a race signs only between rotations", "a@0 s@1 b@77", 90.5, "a=Retired s=Active b=Announced", false },
        { "oldest activated key wins over a younger activated one", "a@0 s@1", 50, "a=Active s=Announced", false },
        { "second rotation", "a@0 b@76 c@152", 166, "a=Expired b=Retired c=Active", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void StatesFollowTheTimeline(string because, string keys, double nowSeconds, string expected, bool due)
    {
        var result = ManagedKeyTimeline.Compute(TestKeys.T0.AddSeconds(nowSeconds), Parse(keys), TestKeys.Seconds);

        Assert.True(expected == string.Join(" ", result.Keys.Select(k => $"{k.KeyId}={k.State}")), $"{because}: got {string.Join(" ", result.Keys.Select(k => $"{k.KeyId}={k.State}"))}");
        Assert.Equal(due, result.NewKeyDue);
        Assert.Equal(result.Keys.SingleOrDefault(k => k.State == ManagedKeyState.Active)?.KeyId, result.Signer?.KeyId);
    }

    [Fact]
    public void AFirstStartIsFlaggedAndItsKeyActivatesAtItsCreation()
    {
        var result = ManagedKeyTimeline.Compute(TestKeys.T0.AddSeconds(3), Parse("a@2"), TestKeys.Seconds);

        Assert.True(result.FirstStart);
        Assert.Equal(TestKeys.T0.AddSeconds(2), result.Signer!.Activates);
        Assert.Null(result.Signer.Retires);
        Assert.Equal(TestKeys.T0.AddSeconds(16), result.NextChange); // a@2 reaches its propagation time; then it is no longer a first start
    }

    [Fact]
    public void RetirementAndExpiryTimesArePublished()
    {
        var result = ManagedKeyTimeline.Compute(TestKeys.T0.AddSeconds(80), Parse("a@0 b@76"), TestKeys.Seconds);
        var a = result.Keys[0];
        var b = result.Keys[1];

        Assert.Equal(TestKeys.T0.AddSeconds(90), a.Retires);
        Assert.Equal(TestKeys.T0.AddSeconds(104), a.Expires);
        Assert.Equal(TestKeys.T0.AddSeconds(90), b.Activates);
        Assert.Null(b.Retires);
        Assert.Equal(TestKeys.T0.AddSeconds(90), result.NextChange);
        Assert.False(result.FirstStart);
    }

    [Fact]
    public void NextChangeIsWhenTheNextKeyFallsDue()
    {
        var result = ManagedKeyTimeline.Compute(TestKeys.T0.AddSeconds(20), Parse("a@0"), TestKeys.Seconds);

        Assert.Equal(TestKeys.T0.AddSeconds(76), result.NextChange);
    }

    [Fact]
    public void EveryInstanceComputesTheSameSignerWhateverTheOrderOfTheStore()
    {
        var keys = Parse("c@152 a@0 s@1 b@77");
        var reversed = keys.Reverse().ToArray();
        for (double now = 0; now < 400; now += 0.5)
        {
            var at = TestKeys.T0.AddSeconds(now);
            Assert.Equal(ManagedKeyTimeline.Compute(at, keys, TestKeys.Seconds).Signer?.KeyId, ManagedKeyTimeline.Compute(at, reversed, TestKeys.Seconds).Signer?.KeyId);
        }
    }

    [Fact]
    public void ThereIsAlwaysExactlyOneSignerOnceAKeyExists()
    {
        var keys = Parse("a@0 b@76 c@152 d@228");
        for (double now = 0; now < 400; now += 0.25)
        {
            var result = ManagedKeyTimeline.Compute(TestKeys.T0.AddSeconds(now), keys, TestKeys.Seconds);
            Assert.Single(result.Keys, k => k.State == ManagedKeyState.Active);
        }
    }

    private static JwtStoredKey[] Parse(string keys)
        => keys.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(k => k.Split('@'))
            .Select(p => TestKeys.Record(p[0], double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
}
