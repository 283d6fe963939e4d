using System.Text;
using System.Text.Json;

namespace TokenIssuer.Cli.Tests;

/// <summary><c>tokenissuer sign --batch</c>: one answer line per request, in order, and a bad line never stops the batch.</summary>
public class BatchTests
{
    private const string Secret = "a-secret-of-at-least-32-bytes-length!!";

    [Fact]
    public void AnswersEveryLineInOrder()
    {
        string input = string.Join("\n",
            $$$"""{"id":"a","now":1700000000,"payload":{"sub":"u"},"key":"{{{Secret}}}","options":{"expiresIn":"1h"}}""",
            "not json",
            "",
            $$$"""{"id":7,"now":1700000000,"payload":{},"key":"{{{Secret}}}","options":{"algorithm":"none"}}""",
            $$$"""{"now":1700000000,"payload":{},"key":"{{{Secret}}}"}""",
            $$$"""{"id":"last","now":1700000000.9,"payload":"text","key":"{{{Secret}}}"}""") + "\n";

        var result = Cli.Run(["sign", "--batch"], stdin: input).AssertExit(0);

        var answers = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.Equal(5, answers.Length);

        Assert.Equal("a", answers[0].GetProperty("id").GetString());
        var first = Jwt.Parse(answers[0].GetProperty("token").GetString()!);
        Assert.Equal("""{"sub":"u","iat":1700000000,"exp":1700003600}""", first.Payload.GetRawText());
        Assert.True(first.HasHs256Signature(Encoding.UTF8.GetBytes(Secret)));

        Assert.Equal(JsonValueKind.Null, answers[1].GetProperty("id").ValueKind);
        Assert.StartsWith("line 2 is not valid JSON", answers[1].GetProperty("error").GetString(), StringComparison.Ordinal);

        Assert.Equal(7, answers[2].GetProperty("id").GetInt32());
        Assert.Contains("unsigned tokens are not supported", answers[2].GetProperty("error").GetString(), StringComparison.Ordinal);

        Assert.Equal("the request has no \"id\" (a string).", answers[3].GetProperty("error").GetString());

        Assert.Equal("last", answers[4].GetProperty("id").GetString());
        Assert.True(answers[4].TryGetProperty("token", out _), answers[4].GetRawText());
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void EmptyInputIsAnEmptyAnswer()
    {
        var result = Cli.Run(["sign", "--batch"], stdin: "").AssertExit(0);

        Assert.Equal("", result.Stdout);
    }
}
