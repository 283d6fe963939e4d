using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace TokenIssuer.IntegrationTests.Observability;

/// <summary>The "TokenIssuer" meter's counter "tokenissuer.tokens.issued": one measurement per token, tagged by profile and algorithm.</summary>
public sealed class MetricsTests
{
    private static async Task<TestHost> StartAsync()
    {
        var builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:Hmac:SecretBase64"] = TestKeys.Secret64Base64,
            ["JwtIssuer:Keys:Ec:Pem"] = KeyFiles.Pem(KeyFiles.EcP256),
            ["JwtIssuer:Profiles:Access:SigningKey"] = "Hmac",
            ["JwtIssuer:Profiles:Access:Algorithm"] = "HS512",
            ["JwtIssuer:Profiles:Access:Issuer"] = "https://issuer.test",
            ["JwtIssuer:Profiles:Partner:SigningKey"] = "Ec",
        });
        builder.Services.AddJwtIssuer();
        return await TestHosts.StartAsync(builder);
    }

    [Fact]
    public async Task EveryTokenIsCountedWithProfileAndAlgorithmTagsAndFailuresAreNot()
    {
        await using var host = await StartAsync();
        var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
        using var collector = new MetricCollector<long>(meterFactory, "TokenIssuer", "tokenissuer.tokens.issued");

        for (int i = 0; i < 3; i++) host.Issuer.Issue("Access");
        for (int i = 0; i < 2; i++) host.Issuer.Issue("partner"); // profile names are case-insensitive; the tag is the configured name
        Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Unknown"));
        Assert.Throws<JwtSigningException>(() => host.Issuer.Issue("Access", new Dictionary<string, object?> { ["iss"] = "x" }));

        var measurements = collector.GetMeasurementSnapshot();
        Assert.Equal(5, measurements.Count);
        Assert.All(measurements, m =>
        {
            Assert.Equal(1, m.Value);
            Assert.Equal(new[] { "algorithm", "profile" }, m.Tags.Keys.Order());
        });
        Assert.Equal(3, measurements.Count(m => m.MatchesTags(new KeyValuePair<string, object?>("profile", "Access"), new KeyValuePair<string, object?>("algorithm", "HS512"))));
        Assert.Equal(2, measurements.Count(m => m.MatchesTags(new KeyValuePair<string, object?>("profile", "Partner"), new KeyValuePair<string, object?>("algorithm", "ES256"))));
        Assert.Equal(5, collector.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task TheMeterBelongsToTheHostsMeterFactory()
    {
        await using var first = await StartAsync();
        await using var second = await StartAsync();
        using var firstCollector = new MetricCollector<long>(first.Services.GetRequiredService<IMeterFactory>(), "TokenIssuer", "tokenissuer.tokens.issued");
        using var secondCollector = new MetricCollector<long>(second.Services.GetRequiredService<IMeterFactory>(), "TokenIssuer", "tokenissuer.tokens.issued");

        first.Issuer.Issue("Access");
        second.Issuer.Issue("Partner");
        second.Issuer.Issue("Partner");

        Assert.Equal("Access", Assert.Single(firstCollector.GetMeasurementSnapshot()).Tags["profile"]);
        Assert.Equal(2, secondCollector.GetMeasurementSnapshot().Count);
    }
}
