using static TokenIssuer.Generator.Tests.DiagnosticAssert;
using static TokenIssuer.Generator.Tests.GeneratorHarness;

namespace TokenIssuer.Generator.Tests;

/// <summary>A key whose source is <c>Managed</c>: its name and its four options are known to the build, a misspelt one is TKI004.</summary>
public sealed class ManagedKeyDiagnosticTests
{
    [Fact]
    public void AManagedKeyWithItsFourOptionsBuildsClean()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Keys": {
                  "signing": { "Managed": { "Algorithm": "ES256", "RotationInterval": "90d", "PropagationTime": "14d", "RetentionTime": "14d" } }
                },
                "Profiles": { "Access": { "SigningKey": "signing", "ExpiresIn": "15m" } }
              }
            }
            """;

        var run = Run(json);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotNull(run.GeneratedSource);
    }

    [Fact]
    public void AMisspeltManagedOptionIsTKI004AtItsPath()
    {
        const string json = """
            {
              "JwtIssuer": {
                "Keys": {
                  "signing": { "Managed": { "RotationIntervall": "90d" } }
                },
                "Profiles": { "Access": { "SigningKey": "signing", "ExpiresIn": "15m" } }
              }
            }
            """;

        var d = Single(Run(json), "TKI004");

        Says(d, "JwtIssuer:Keys:signing:Managed:RotationIntervall: \"RotationIntervall\" is not an option");
        Says(d, "Did you mean \"RotationInterval\"");
    }
}
