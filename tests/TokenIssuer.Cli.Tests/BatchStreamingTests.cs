using System.Text.Json;

namespace TokenIssuer.Cli.Tests;

/// <summary>
/// <c>sign --batch</c> as a long-lived process uses it: each answer as soon as its line is read, the
/// clock when a request has no <c>now</c>, a stop when the reader of the answers has gone, and a bound
/// on the length of a line.
/// </summary>
public class BatchStreamingTests
{
    private const string Secret = "a-secret-of-at-least-32-bytes-length!!";

    private static string Request(string id, string? now = "1700000000")
        => $$"""{"id":"{{id}}",{{(now is null ? "" : $"\"now\":{now},")}}"payload":{"sub":"u"},"key":"{{Secret}}"}""";

    [Fact]
    public void EachAnswerIsWrittenAsSoonAsItsLineIsRead()
    {
        using var cli = new CliProcess("sign", "--batch");

        cli.Input.WriteLine(Request("first"));
        string first = cli.ReadLine();
        cli.Input.WriteLine(Request("second"));
        string second = cli.ReadLine();
        var (exitCode, stderr) = cli.Finish();

        Assert.Equal("first", JsonDocument.Parse(first).RootElement.GetProperty("id").GetString());
        Assert.Equal("second", JsonDocument.Parse(second).RootElement.GetProperty("id").GetString());
        Assert.Equal(0, exitCode);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void ARequestWithoutNowIsSignedAtTheSystemClock()
    {
        long before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var result = Cli.Run(["sign", "--batch"], stdin: Request("clock", now: null) + "\n").AssertExit(0);
        long after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var answer = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.True(answer.TryGetProperty("token", out var token), answer.GetRawText());
        long iat = Jwt.Parse(token.GetString()!).Payload.GetProperty("iat").GetInt64();
        Assert.InRange(iat, before, after);
    }

    [Fact]
    public void ANowThatIsNotANumberIsStillAnError()
    {
        var result = Cli.Run(["sign", "--batch"], stdin: Request("bad", now: "null") + "\n").AssertExit(0);

        string error = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("error").GetString()!;
        Assert.StartsWith("\"now\" must be the current time as a number of Unix seconds", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AClosedOutputStopsTheBatchWithExitCode1()
    {
        if (OperatingSystem.IsWindows()) return; // the closed-pipe error is a Unix EPIPE
        using var cli = new CliProcess("sign", "--batch");
        cli.Input.WriteLine(Request("0"));
        cli.ReadLine();
        cli.CloseOutput();

        try
        {
            for (int i = 1; i <= 200; i++) cli.Input.WriteLine(Request(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        catch (IOException)
        {
            // The CLI stopped reading: what this test expects.
        }
        var (exitCode, stderr) = cli.Finish();

        Assert.Equal(1, exitCode);
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: the answers could not be written (stdout was closed", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ALineOverOneMebibyteIsAnsweredWithAnErrorAndTheBatchGoesOn()
    {
        string huge = "{\"id\":\"huge\",\"payload\":{\"x\":\"" + new string('x', 2 * 1024 * 1024) + "\"}}";

        var result = Cli.Run(["sign", "--batch"], stdin: huge + "\n" + Request("after") + "\n").AssertExit(0);

        var answers = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.Equal(2, answers.Length);
        Assert.Equal("line 1 is 2,097,184 characters long; a request line may be at most 1 MiB (1,048,576 characters).", answers[0].GetProperty("error").GetString());
        Assert.Equal("after", answers[1].GetProperty("id").GetString());
    }
}
