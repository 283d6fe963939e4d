using Microsoft.Extensions.DependencyInjection;

namespace TokenIssuer.IntegrationTests.Validation;

/// <summary>
/// How a host that fails to start reports an invalid JwtIssuer configuration: every problem on a line of its own,
/// starting with its configuration path; no stack trace; and, between the host's log entry and the runtime's
/// unhandled-exception text (both the exception's ToString()), the list once.
/// </summary>
public sealed class StartupReportTests
{
    private static readonly Dictionary<string, string?> TwoMistakes = new()
    {
        ["JwtIssuer:Keys:Main:SecretBase64"] = TestKeys.Secret64Base64,
        ["JwtIssuer:Profiles:Access:SigningKey"] = "Main",
        ["JwtIssuer:Profiles:Access:ExpiresIn"] = "banana",
        ["JwtIssuer:Profiles:Access:Algorithm"] = "XS256",
    };

    [Fact]
    public async Task TheMessageListsOneProblemPerLineWithItsPath()
    {
        var error = await TestHosts.StartFailsAsync(TwoMistakes);

        string[] lines = error.Message.Split(Environment.NewLine);
        Assert.Equal("The JwtIssuer configuration has 2 problems:", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("  JwtIssuer:Profiles:Access:Algorithm: \"XS256\" is not an algorithm.", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("  JwtIssuer:Profiles:Access:ExpiresIn: \"banana\" is not a duration.", lines[2], StringComparison.Ordinal);
        Assert.Equal(2, error.Failures.Count());
        Assert.DoesNotContain("; JwtIssuer:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHostsLogEntryListsTheProblemsAndTheUnhandledExceptionTextDoesNotRepeatThem()
    {
        var builder = TestHosts.Builder(TwoMistakes);
        var log = (CapturingLoggerProvider)builder.Services.Single(d => d.ServiceType == typeof(CapturingLoggerProvider)).ImplementationInstance!;
        builder.Services.AddJwtIssuer();

        var error = await TestHosts.StartFailsAsync(builder);

        var entry = Assert.Single(log.Records, e => e.Exception is not null);
        string logged = entry.Exception!;
        Assert.Contains("  JwtIssuer:Profiles:Access:ExpiresIn: \"banana\"", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", logged, StringComparison.Ordinal);
        string unhandled = error.ToString();
        Assert.Equal("TokenIssuer.JwtIssuerConfigurationException: The JwtIssuer configuration has 2 problems (listed where this exception was first reported).", unhandled);
    }
}
