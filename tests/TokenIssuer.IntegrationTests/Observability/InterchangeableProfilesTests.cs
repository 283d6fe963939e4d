namespace TokenIssuer.IntegrationTests.Observability;

/// <summary>
/// The warning for profiles whose tokens can stand in for each other is sought among the profiles of one
/// algorithm and one key (not among all pairs), and still names every such pair, in the profiles' name order.
/// </summary>
public sealed class InterchangeableProfilesTests
{
    private const string Secret = "interchangeable-secret-0123456789-abcdefghijkl";

    [Fact]
    public async Task EveryInterchangeablePairIsWarnedOnceInNameOrderAndNoOtherPair()
    {
        var settings = new Dictionary<string, string?>
        {
            ["JwtIssuer:Keys:One:Secret"] = Secret,
            ["JwtIssuer:Keys:Three:Secret"] = Secret + "-another",
            ["JwtIssuer:Keys:Ec:Pem"] = KeyFiles.Pem(KeyFiles.EcP256),
        };
        void Profile(string name, string algorithm, string key, string audience)
        {
            settings[$"JwtIssuer:Profiles:{name}:Algorithm"] = algorithm;
            settings[$"JwtIssuer:Profiles:{name}:SigningKey"] = key;
            settings[$"JwtIssuer:Profiles:{name}:ExpiresIn"] = "15m";
            settings[$"JwtIssuer:Profiles:{name}:Issuer"] = "https://id.example.com";
            settings[$"JwtIssuer:Profiles:{name}:Audience"] = audience;
        }
        // Written out of order: the warnings follow the names, not the configuration.
        Profile("Foxtrot", "HS256", "One", "orders-api");
        Profile("Charlie", "HS256", "One", "orders-api");
        Profile("Alpha", "HS256", "One", "orders-api");
        Profile("Bravo", "ES256", "Ec", "orders-api");     // another algorithm
        Profile("Delta", "HS256", "Three", "orders-api");  // another key
        Profile("Echo", "HS256", "One", "billing-api");    // another audience

        await using var host = await TestHosts.StartAsync(settings);

        var pairs = host.Logs.TokenIssuerEvents(6).Select(e => e.Message[..e.Message.IndexOf(" issue tokens", StringComparison.Ordinal)]).ToArray();
        Assert.Equal(
            ["TokenIssuer profiles Alpha and Charlie", "TokenIssuer profiles Alpha and Foxtrot", "TokenIssuer profiles Charlie and Foxtrot"],
            pairs);
    }
}
