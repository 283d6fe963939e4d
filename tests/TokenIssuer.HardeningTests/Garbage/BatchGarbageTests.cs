using System.Text;
using System.Text.Json;

namespace TokenIssuer.HardeningTests.Garbage;

/// <summary>
/// The command line's batch mode (<c>tokenissuer sign --batch</c>, the conformance contract) fed with
/// random and mutated request lines: truncated JSON, invalid UTF-8, byte order marks, huge numbers,
/// 10,000-deep nesting, duplicate members, wrong types, raw garbage. Every non-blank line gets exactly
/// one JSON answer, in order; the process exits 0 in bounded time with nothing on stderr.
/// </summary>
public sealed class BatchGarbageTests(BatchGarbageTests.BatchRun run, ITestOutputHelper output) : IClassFixture<BatchGarbageTests.BatchRun>
{
    private const int Requests = 900;

    [Fact]
    public void EveryLineGetsExactlyOneJsonAnswerAndTheProcessEndsCleanly()
    {
        output.WriteLine($"sign --batch: {run.Lines.Count} lines ({run.Lines.Count(l => l.Blank)} blank), {run.Result.Stdout.Length:N0} bytes out, {run.Result.Elapsed.TotalSeconds:F1} s");
        foreach (var (kind, count) in run.Lines.GroupBy(l => l.Kind).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))) output.WriteLine($"  {kind}: {count}");
        output.WriteLine($"answers: {run.Answers.Count(a => a.Token is not null)} tokens, {run.Answers.Count(a => a.Error is not null)} errors");

        Assert.Equal(0, run.Result.ExitCode);
        Assert.False(run.Result.HasStackTrace, run.Result.Stderr);
        Assert.Equal("", run.Result.Stderr);
        // Bounded: the run ended by itself within the CLI's hang limit (it would have been killed and the fixture failed otherwise).
        Assert.True(run.Result.Elapsed < Cli.Limit, $"took {run.Result.Elapsed}");

        var requests = run.Lines.Where(l => !l.Blank).ToList();
        Assert.Equal(requests.Count, run.Answers.Count);
        var failures = new Failures();
        var valid = new Outcomes();
        var tokens = new Outcomes();
        for (int i = 0; i < requests.Count; i++)
        {
            var (request, answer) = (requests[i], run.Answers[i]);
            tokens.Record(answer.Token is not null);
            if (request.Kind == "valid") valid.Record(answer.Token is not null);
            if (answer.Problem is { } problem)
            {
                failures.Add(request.Text, $"{request.Kind}: {problem}");
                continue;
            }
            // An id is echoed only from its own line.
            if (answer.IdRaw is { } id && !request.Text.Contains(id, StringComparison.Ordinal)) failures.Add(request.Text, $"{request.Kind}: answered with id {id}, which is not in the line");
            if (request.Kind == "valid" && answer.Token is null) failures.Add(request.Text, $"valid request answered with an error: {answer.Error}");
            if (answer.Token is { } token)
            {
                var parsed = new Jwt(token);
                if (parsed.Signature.Length == 0 || parsed.Alg == "none") failures.Add(request.Text, $"{request.Kind}: an unsigned token");
            }
        }
        failures.AssertNone("batch answers broke the contract");
        // One line in five is a valid request by construction: every one must be answered with a token.
        Assert.True(valid.Total >= Requests / 10, $"only {valid.Total} valid requests in the batch");
        valid.AssertAllSucceeded("valid requests are signable by construction");
        Assert.True(tokens.Succeeded >= valid.Total, $"{tokens} answers, fewer tokens than the {valid.Total} valid requests");
    }

    /// <summary>An "internal error" answer is a defect the CLI caught: bad input should get a message about the input.</summary>
    [Fact]
    public void NoAnswerIsAnInternalError()
    {
        var failures = new Failures();
        var requests = run.Lines.Where(l => !l.Blank).ToList();
        for (int i = 0; i < Math.Min(requests.Count, run.Answers.Count); i++)
        {
            if (run.Answers[i].Error is { } error && error.StartsWith("internal error", StringComparison.Ordinal)) failures.Add(requests[i].Text, $"{requests[i].Kind}: {error}");
        }
        failures.AssertNone("batch lines were answered with an internal error");
    }

    /// <summary>
    /// Batch input is UTF-8 JSON lines. A first line that happens to start with the bytes of a UTF-16 or
    /// UTF-32 byte order mark must be one bad line, not switch the decoding of the whole stream.
    /// </summary>
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xFE, 0xFF })]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x00, 0x00 })]
    public void AUtf16OrUtf32ByteOrderMarkDoesNotChangeTheDecodingOfTheBatch(byte[] bom)
    {
        string valid = """{"id":"2","now":1700000000,"payload":{"a":1},"key":"a-secret-of-at-least-32-bytes-length!!"}""";
        byte[] input = [.. bom, .. Encoding.UTF8.GetBytes(valid.Replace("\"2\"", "\"1\"") + "\n" + valid + "\n")];
        var result = Cli.Run(["sign", "--batch"], input);
        Assert.Equal(0, result.ExitCode);
        var answers = result.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, answers.Length);
        Assert.Contains("\"token\"", answers[1]);
    }

    /// <summary>Text that JSON can escape but .NET strings cannot hold (a lone surrogate) in each string the batch reads.</summary>
    [Theory]
    [InlineData("\"key\":\"\\ud800\"")]
    [InlineData("\"options\":{\"keyid\":\"\\ud800\"}")]
    [InlineData("\"options\":{\"issuer\":\"\\udc00x\"}")]
    [InlineData("\"options\":{\"subject\":\"\\ud800\"}")]
    [InlineData("\"options\":{\"jwtid\":\"\\ud800\"}")]
    [InlineData("\"options\":{\"audience\":\"\\ud800\"}")]
    [InlineData("\"options\":{\"algorithm\":\"\\ud800\"}")]
    [InlineData("\"options\":{\"expiresIn\":\"\\ud800\"}")]
    [InlineData("\"options\":{\"encoding\":\"\\ud800\"}")]
    [InlineData("\"options\":{\"header\":{\"alg\":\"\\ud800\"}}")]
    [InlineData("\"payload\":{\"\\ud800\":1}")]
    [InlineData("\"payload\":\"\\ud800\"")]
    public void LoneSurrogateEscapesAreAnsweredWithAMessageNotAnInternalError(string member)
    {
        string name = member[..member.IndexOf(':')];
        string line = "{" + member + ",\"id\":\"1\",\"now\":1700000000,\"payload\":{\"a\":1},\"key\":\"a-secret-of-at-least-32-bytes-length!!\"}";
        line = line.Replace("," + name + ":{\"a\":1}", "").Replace("," + name + ":\"a-secret-of-at-least-32-bytes-length!!\"", "");
        var result = Cli.Run(["sign", "--batch"], Encoding.UTF8.GetBytes(line + "\n"));
        Assert.Equal(0, result.ExitCode);
        using var answer = JsonDocument.Parse(result.StdoutText);
        Assert.True(answer.RootElement.TryGetProperty("error", out var error) || answer.RootElement.TryGetProperty("token", out _), result.StdoutText);
        if (error.ValueKind == JsonValueKind.String) Assert.False(error.GetString()!.StartsWith("internal error", StringComparison.Ordinal), $"{line} → {error.GetString()}");
    }

    [Fact]
    public void AUtf8ByteOrderMarkAtTheStartIsIgnored()
    {
        string valid = """{"id":"1","now":1700000000,"payload":{"a":1},"key":"a-secret-of-at-least-32-bytes-length!!"}""";
        var result = Cli.Run(["sign", "--batch"], [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid + "\n")]);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("{\"id\":\"1\",\"token\":\"ey", result.StdoutText);
    }

    internal sealed record Line(string Kind, byte[] Bytes, bool Blank)
    {
        public string Text => Encoding.UTF8.GetString(Bytes);
    }

    internal sealed record Answer(string? IdRaw, string? Token, string? Error, string? Problem);

    /// <summary>Builds the batch (fixed seed) and runs the CLI once for all the tests of the class.</summary>
    public sealed class BatchRun
    {
        public BatchRun()
        {
            var random = new Random(Seeds.BatchLines);
            var lines = new List<Line>();
            for (int i = 0; i < Requests; i++)
            {
                if (i % 97 == 13) lines.Add(new Line("blank", Encoding.UTF8.GetBytes(new[] { "", "   ", "\t", " \t " }[random.Next(4)]), Blank: true));
                var (kind, bytes) = i % 5 == 0 ? ("valid", Encoding.UTF8.GetBytes(ValidRequest(i, random))) : Mutated(i, random);
                bool blank = string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(bytes));
                lines.Add(new Line(blank ? "blank" : kind, bytes, blank));
            }
            Lines = lines;

            var input = new MemoryStream();
            input.Write([0xEF, 0xBB, 0xBF]); // a UTF-8 BOM at the start of the stream, as Windows tools write it
            foreach (var line in lines)
            {
                input.Write(line.Bytes);
                input.WriteByte((byte)'\n');
            }
            Result = Cli.Run(["sign", "--batch"], input.ToArray());
            Answers = Encoding.UTF8.GetString(Result.Stdout).Split('\n').SkipLast(1).Select(Parse).ToList();
        }

        internal IReadOnlyList<Line> Lines { get; }

        internal CliResult Result { get; }

        internal IReadOnlyList<Answer> Answers { get; }

        private static Answer Parse(string text)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return new Answer(null, null, null, "the answer is not a JSON object: " + text);
                var names = root.EnumerateObject().Select(m => m.Name).ToList();
                bool hasToken = root.TryGetProperty("token", out var token) && token.ValueKind == JsonValueKind.String;
                bool hasError = root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String;
                if (names.Count != 2 || names[0] != "id" || hasToken == hasError) return new Answer(null, null, null, "the answer is not {id, token} or {id, error}: " + text);
                var id = root.GetProperty("id");
                if (id.ValueKind is not (JsonValueKind.Null or JsonValueKind.String or JsonValueKind.Number)) return new Answer(null, null, null, "the answer's id is not a string, number or null: " + text);
                if (hasError && (error.GetString()!.Length == 0 || error.GetString()!.Contains("   at ", StringComparison.Ordinal))) return new Answer(null, null, null, "an empty error or a stack trace: " + text);
                return new Answer(id.ValueKind == JsonValueKind.Null ? null : id.GetRawText(), hasToken ? token.GetString() : null, hasError ? error.GetString() : null, null);
            }
            catch (JsonException e)
            {
                return new Answer(null, null, null, $"the answer is not JSON ({e.Message}): {text}");
            }
        }

        private static readonly string EcPem = TestKeys.Pkcs8Pem(TestKeys.P256);

        private static string ValidRequest(int i, Random random)
        {
            string key = (i % 3) switch
            {
                0 => "a-secret-of-at-least-32-bytes-length!!",
                1 => EcPem,
                _ => "short",
            };
            var options = new List<string>();
            if (random.Next(2) == 0) options.Add($"\"expiresIn\":{(random.Next(2) == 0 ? random.Next(1, 100_000).ToString() : "\"" + new[] { "15m", "2 days", "1.5h", "-30s", "120" }[random.Next(5)] + "\"")}");
            if (random.Next(3) == 0) options.Add("\"audience\":[\"a\",\"b\"]");
            if (random.Next(3) == 0) options.Add("\"issuer\":\"https://id.example.com\"");
            if (random.Next(4) == 0) options.Add("\"header\":{\"typ\":\"at+jwt\"}");
            if (random.Next(4) == 0) options.Add("\"keyid\":\"k1\"");
            string optionsJson = "{" + string.Join(",", options) + "}";
            return $$$"""{"id":"r{{{i}}}","now":{{{1_700_000_000 + i}}},"payload":{"sub":"u-{{{i}}}","n":{{{i}}},"tags":["x","y"],"nested":{"ok":true}},"key":{{{JsonSerializer.Serialize(key)}}},"options":{{{optionsJson}}}}""";
        }

        private static readonly string[] WrongTypes =
        [
            "\"id\":{}", "\"id\":[]", "\"id\":true", "\"id\":null", "\"id\":1.5", "\"now\":\"1700000000\"", "\"now\":null", "\"now\":[]",
            "\"now\":1e400", "\"now\":-1e400", "\"now\":1.7e308", "\"now\":99999999999999999999999999999999", "\"now\":-62135596801",
            "\"key\":1", "\"key\":null", "\"key\":{}", "\"key\":[]", "\"key\":\"\"", "\"payload\":null", "\"payload\":[]", "\"payload\":1",
            "\"payload\":\"a string\"", "\"payload\":true", "\"options\":[]", "\"options\":\"x\"", "\"options\":1", "\"options\":null",
            "\"options\":{\"expiresIn\":true}", "\"options\":{\"expiresIn\":1e400}", "\"options\":{\"expiresIn\":1.5}", "\"options\":{\"expiresIn\":\"\"}",
            "\"options\":{\"notBefore\":-1e400}", "\"options\":{\"audience\":5}", "\"options\":{\"header\":[]}", "\"options\":{\"algorithm\":\"none\"}",
            "\"options\":{\"header\":{\"alg\":\"none\"}}", "\"options\":{\"header\":{\"alg\":5}}", "\"options\":{\"foo\":1}", "\"options\":{\"algorithm\":\"RS256\"}",
            "\"options\":{\"encoding\":\"latin1\"}", "\"payload\":{\"iat\":\"now\"}", "\"payload\":{\"exp\":1e400,\"iat\":1e400,\"nbf\":-1e400}",
            "\"payload\":{\"a\":123456789012345678901234567890e300}", "\"payload\":{\"\\ud800\":1}", "\"payload\":{\"a\":\"\\udc00\"}",
            "\"id\":\"\\ud800\"", "\"options\":{\"keyid\":\"\\ud800\"}", "\"options\":{\"header\":{\"x\":\"\\ud800\"}}",
        ];

        private static readonly byte[][] BadUtf8 =
        [
            [0x80], [0xBF], [0xC0, 0xAF], [0xC1, 0xBF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0x00], [0x1B, 0x5B, 0x33, 0x31, 0x6D],
        ];

        private static (string Kind, byte[] Bytes) Mutated(int i, Random random)
        {
            string valid = ValidRequest(i, random);
            switch (random.Next(12))
            {
                case 0:
                    return ("truncated JSON", Encoding.UTF8.GetBytes(valid[..random.Next(1, valid.Length)]));
                case 1:
                {
                    byte[] bytes = Encoding.UTF8.GetBytes(valid);
                    int position = random.Next(bytes.Length);
                    return ("invalid UTF-8 bytes", [.. bytes[..position], .. BadUtf8[random.Next(BadUtf8.Length)], .. bytes[position..]]);
                }
                case 2:
                    return ("BOM at the start of the line", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)]);
                case 3:
                {
                    string deep = random.Next(2) == 0
                        ? new string('[', 10_000) + new string(']', 10_000)
                        : string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000);
                    string where = new[] { "\"payload\":{\"d\":", "\"options\":{\"header\":{\"d\":", "\"id\":" }[random.Next(3)];
                    return ("10,000-deep nesting", Encoding.UTF8.GetBytes(valid.Replace(where, where + deep + (where.Contains('{') ? "," : "") + "\"x\":", StringComparison.Ordinal)));
                }
                case 4:
                {
                    string duplicate = new[] { "\"id\":\"dup\",", "\"key\":\"other-secret-of-at-least-32-bytes!!\",", "\"payload\":{\"first\":1},", "\"options\":{\"expiresIn\":60},", "\"now\":1," }[random.Next(5)];
                    return ("duplicate members", Encoding.UTF8.GetBytes(valid.Insert(1, duplicate)));
                }
                case 5:
                case 6:
                {
                    string member = WrongTypes[random.Next(WrongTypes.Length)];
                    string name = member[..member.IndexOf(':')];
                    return ("wrong types and huge numbers", Encoding.UTF8.GetBytes("{" + member + "," + valid[1..].Replace(name + ":", "\"was_" + name.Trim('"') + "\":", StringComparison.Ordinal)));
                }
                case 7:
                {
                    var chars = new char[random.Next(1, 200)];
                    for (int c = 0; c < chars.Length; c++) chars[c] = (char)random.Next(0x21, 0x7F);
                    return ("printable garbage", Encoding.UTF8.GetBytes(chars));
                }
                case 8:
                {
                    var bytes = new byte[random.Next(1, 120)];
                    random.NextBytes(bytes);
                    for (int b = 0; b < bytes.Length; b++) if (bytes[b] is (byte)'\n' or (byte)'\r') bytes[b] = (byte)'x';
                    return ("random bytes", bytes);
                }
                case 9:
                    return ("JSON that is not a request", Encoding.UTF8.GetBytes(new[] { "null", "[]", "\"x\"", "1", "{}", "{\"id\":\"x\"}", "true", "[{}]", "{\"id\":\"x\",\"now\":1}" }[random.Next(9)]));
                case 10:
                    return ("control characters in strings", Encoding.UTF8.GetBytes(valid.Replace("\"sub\":\"u-", "\"sub\":\"\t\u0001u-", StringComparison.Ordinal)));
                default:
                    if (random.Next(8) != 0) return ("duplicate members", Encoding.UTF8.GetBytes(valid.Insert(1, "\"n\":0,\"payload\":{},")));
                    return ("a 1 MB claim", Encoding.UTF8.GetBytes(valid.Replace("\"tags\":", "\"big\":\"" + new string('z', 1_000_000) + "\",\"tags\":", StringComparison.Ordinal)));
            }
        }
    }
}
