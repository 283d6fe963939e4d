namespace TokenIssuer.KeyManagement.Tests;

public class ManagedKeyOptionsTests
{
    private const string Path = "JwtIssuer:Keys:signing:Managed";

    [Fact]
    public void TheDefaultsAreES25690d14d14d()
    {
        Assert.True(ManagedKeySettings.TryCreate(new JwtManagedKeyOptions(), Path, out var settings, out var problems));
        Assert.Empty(problems);
        Assert.Equal(ManagedKeySettings.Default, settings);
        Assert.Equal(new ManagedKeySettings(JwtAlgorithm.ES256, TimeSpan.FromDays(90), TimeSpan.FromDays(14), TimeSpan.FromDays(14)), settings);
    }

    [Fact]
    public void SecondsLongIntervalsAreAcceptedAndAUnitlessValueIsSeconds()
    {
        var options = new JwtManagedKeyOptions { Algorithm = "PS384", RotationInterval = "20s", PropagationTime = "4", RetentionTime = "1500ms" };

        Assert.True(ManagedKeySettings.TryCreate(options, Path, out var settings, out _));
        Assert.Equal(new ManagedKeySettings(JwtAlgorithm.PS384, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(4), TimeSpan.FromMilliseconds(1500)), settings);
    }

    [Theory]
    [InlineData("14d", "14d", "JwtIssuer:Keys:signing:Managed:PropagationTime: \"14d\" is not shorter than RotationInterval \"14d\"")]
    [InlineData("1d", "2d", "JwtIssuer:Keys:signing:Managed:PropagationTime: \"2d\" is not shorter than RotationInterval \"1d\"")]
    [InlineData("0s", "1s", "JwtIssuer:Keys:signing:Managed:RotationInterval: \"0s\" must be longer than zero.")]
    [InlineData("90d", "-1h", "JwtIssuer:Keys:signing:Managed:PropagationTime: \"-1h\" must be longer than zero.")]
    [InlineData("three months", "14d", "JwtIssuer:Keys:signing:Managed:RotationInterval: \"three months\" is not a duration")]
    public void BadDurationsAreReportedWithTheirOptionPath(string rotation, string propagation, string expected)
    {
        var problems = ManagedKeySettings.Validate(new JwtManagedKeyOptions { RotationInterval = rotation, PropagationTime = propagation }, Path);

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryProblemIsListedAtOnce()
    {
        var problems = ManagedKeySettings.Validate(new JwtManagedKeyOptions { Algorithm = "ES999", RotationInterval = "x", RetentionTime = "0" }, Path);

        Assert.Equal(3, problems.Count);
        Assert.StartsWith($"{Path}:Algorithm: \"ES999\" is not a JWS algorithm", problems[0]);
        Assert.StartsWith($"{Path}:RotationInterval:", problems[1]);
        Assert.StartsWith($"{Path}:RetentionTime:", problems[2]);
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("HS512")]
    public void HMACIsRefusedSayingWhy(string algorithm)
    {
        var problem = Assert.Single(ManagedKeySettings.Validate(new JwtManagedKeyOptions { Algorithm = algorithm }, Path));

        Assert.StartsWith($"{Path}:Algorithm: {algorithm} cannot be managed.", problem);
        Assert.Contains("an HMAC secret is never published", problem);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS512")]
    [InlineData("ES384")]
    public void EveryAsymmetricAlgorithmIsAccepted(string algorithm)
        => Assert.Empty(ManagedKeySettings.Validate(new JwtManagedKeyOptions { Algorithm = algorithm }, Path));

    [Fact]
    public void RetentionMustCoverTheLongestTokenLifetime()
    {
        var settings = ManagedKeySettings.Default;

        Assert.Null(settings.CheckRetentionCovers(Path, TimeSpan.FromDays(14), "Access, Refresh"));
        Assert.Equal(
            "JwtIssuer:Keys:signing:Managed:RetentionTime: 14d is shorter than the longest token lifetime of the profiles signing with this key (Access, Refresh: 30d). " +
            "A retired key leaves the JWKS after RetentionTime, so tokens it signed would stop validating before they expire; set RetentionTime to at least the longest ExpiresIn.",
            settings.CheckRetentionCovers(Path, TimeSpan.FromDays(30), "Access, Refresh"));
    }
}
