extern alias generator;

using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using generator::TokenIssuer.Generator;
using generator::TokenIssuer.Generator.Parsing;

namespace TokenIssuer.HardeningTests.Garbage;

/// <summary>
/// The source generator's own JSON reader, fed with mutated appsettings texts: it returns a document or
/// throws JsonSyntaxException — nothing else (the slowest call is written to the test output; speed is the
/// benchmarks' business, not an assertion on a shared machine). The whole generator on
/// such files never fails: malformed JSON becomes diagnostic TKI001 at the offending position.
/// </summary>
public sealed class GeneratorJsonGarbageTests(ITestOutputHelper output)
{
    private const int MutationsPerSeed = 700;

    private static readonly string[] SeedTexts =
    [
        """
        {
          // comments and trailing commas, as the JSON configuration provider accepts them
          "Logging": { "LogLevel": { "Default": "Information" } },
          "JwtIssuer": {
            "Keys": {
              "es-2026-11": { "PemFile": "keys/es256.pem", "KeyId": "es-2026-11" },
              "refresh": { "Secret": "a-secret-of-at-least-32-bytes-length!!", },
            },
            "Profiles": {
              "Access": {
                "Algorithm": "ES256",
                "SigningKey": "es-2026-11",
                "ExpiresIn": "15m",
                "Issuer": "https://id.example.com",
                "Audience": [ "orders-api", "billing-api" ],
                "Header": { "typ": "at+jwt" },
                "Claims": { "scope": "orders.read" },
                "Parameters": { "sub": "string", "role": "string?", "tenant_id": "Guid", "amount": "decimal" }
              },
              /* a second profile */
              "Refresh": { "Algorithm": "HS256", "SigningKey": "refresh", "ExpiresIn": 2592000, "NoTimestamp": true },
            }
          }
        }
        """,
        """{"JwtIssuer":{"Keys":{"k":{"Pem":"-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n"}},"Profiles":{"P":{"SigningKey":"k","Algorithm":"ES384","NotBefore":"1 mo","Header":{"alg":"none","crit":["x"]},"Parameters":{"exp":"int","x":"Int","y":"string[]","z":"IEnumerable<string>"}}}}}""",
        """{"JwtIssuer":{"Profiles":{"class":{},"Ok_1":{"ExpireIn":"10","Audience":"a","Parameters":{"tenant-id":"long","tenant_id":"long","\u00e9t\u00e9":"bool"}}},"Unknown":1},"\ufeff":"\ud83d\ude00 \\ \" \/ \b\f\n\r\t"}""",
    ];

    private static readonly string[] Values =
    [
        "null", "true", "false", "0", "-0", "1e400", "-1E-400", "123456789012345678901234567890", "[]", "{}", "[[[]]]", "\"\"",
        "\"none\"", "\"hs256\"", "\"15 minuets\"", "\"-5m\"", "\"10\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\\"\\\\\"", "\"\u2028\u2029\"",
        "\"<>&'\\u0022\"", "\"class\"", "\"string?[]\"", "\"System.Guid?\"", "{\"a\":{\"b\":{\"c\":[1,2,{}]}}}",
    ];

    private static readonly string[] Intruders =
    [
        "{", "}", "[", "]", "\"", "\\", ",", ":", "/", "*", "//", "/*", "*/", "\n", "\r", "\t", " ", "\u0000", "\uFEFF", "\uD800",
        "\\u", "\\u12", "\\x", "-", ".", "e", "+", "0", "t", "n", "f", "tru", "nul", "é", "😀", "\u2028",
    ];

    [Fact]
    public void TheJsonReaderReturnsADocumentOrThrowsJsonSyntaxException()
    {
        var random = new Random(Seeds.GeneratorJson);
        var failures = new Failures();
        int count = 0, parsed = 0;
        var slowest = TimeSpan.Zero;
        foreach (string text in Inputs(random))
        {
            count++;
            var watch = Stopwatch.StartNew();
            try
            {
                JsonReader.Parse(text);
                parsed++;
            }
            catch (JsonSyntaxException e)
            {
                if (e.Span.Start < 0 || e.Span.Start > text.Length || e.Span.StartLine < 0) failures.Add(text, $"JsonSyntaxException with a position outside the text ({e.Span})");
            }
            catch (Exception e)
            {
                failures.Add(text, $"{e.GetType().FullName}: {e.Message}");
            }
            watch.Stop();
            if (watch.Elapsed > slowest) slowest = watch.Elapsed;
        }
        output.WriteLine($"JsonReader.Parse: {count} inputs ({parsed} parsed, {count - parsed} refused); slowest call {slowest.TotalMilliseconds:F1} ms");
        failures.AssertNone("inputs broke the generator's JSON reader");
        // The seed texts themselves, and mutations that land in a string, a comment or whitespace, stay JSON.
        Assert.True(parsed >= 300, $"only {parsed} of {count} inputs parsed: the seeds and mutations inside strings and comments must");
    }

    [Fact]
    public void TheGeneratorNeverFailsOnMutatedAppSettings()
    {
        var random = new Random(Seeds.GeneratorJson + 1);
        var failures = new Failures();
        var compilation = CSharpCompilation.Create("App",
            [CSharpSyntaxTree.ParseText("namespace App; public static class Program { public static void Main() { } }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        int count = 0, malformed = 0, withSource = 0;
        var diagnosticIds = new Dictionary<string, int>();
        foreach (string text in Inputs(random).Where((_, i) => i % 8 == 0))
        {
            count++;
            bool valid;
            try
            {
                JsonReader.Parse(text);
                valid = true;
            }
            catch (Exception)
            {
                valid = false;
                malformed++;
            }

            string fileName = count % 3 == 0 ? "appsettings.Development.json" : "appsettings.json";
            GeneratorDriver driver = CSharpGeneratorDriver.Create([new JwtProfileGenerator().AsSourceGenerator()],
                additionalTexts: [new InMemoryAdditionalText("/app/" + fileName, text)]);
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
            var result = driver.GetRunResult().Results.Single();
            if (result.Exception is { } exception) failures.Add(text, $"the generator threw {exception.GetType().FullName}: {exception.Message}");
            if (diagnostics.FirstOrDefault(d => d.Id is "CS8785" or "AD0001") is { } crash) failures.Add(text, $"the generator failed: {crash.GetMessage()}");
            if (result.GeneratedSources.Length > 0) withSource++;
            var ids = result.Diagnostics.Select(d => d.Id).ToList();
            foreach (string id in ids.Distinct()) diagnosticIds[id] = diagnosticIds.GetValueOrDefault(id) + 1;
            if (!valid && !ids.Contains("TKI001")) failures.Add(text, "malformed JSON without diagnostic TKI001");
            if (valid && ids.Contains("TKI001")) failures.Add(text, "TKI001 for JSON the reader accepts");
            if (result.Diagnostics.FirstOrDefault(d => d.Id == "TKI001") is { } tki001 && tki001.Location.GetLineSpan().Path != "/app/" + fileName)
            {
                failures.Add(text, "TKI001 not located in the file");
            }
        }
        output.WriteLine($"JwtProfileGenerator: {count} appsettings files ({malformed} malformed, {withSource} gave generated source); diagnostics seen: {string.Join(", ", diagnosticIds.OrderBy(d => d.Key).Select(d => $"{d.Key}×{d.Value}"))}");
        failures.AssertNone("appsettings files broke the generator");
Assert.True(count - malformed >= 30, $"only {count - malformed} of {count} files were JSON: the seeds and mutations inside strings and comments must be");
        Assert.True(withSource >= 25, $"only {withSource} of {count} files gave generated source: well-formed files with a JwtIssuer section must");
    }

    /// <summary>Mutations of the seed texts, then hand-made extremes (deep nesting, huge tokens, cut-off constructs).</summary>
    private static IEnumerable<string> Inputs(Random random)
    {
        foreach (string seed in SeedTexts)
        {
            yield return seed;
            for (int i = 0; i < MutationsPerSeed; i++)
            {
                string text = seed;
                for (int n = random.Next(1, 4); n > 0; n--) text = Mutate(text, random);
                yield return text;
            }
        }
        yield return "";
        yield return " ";
        yield return "\uFEFF";
        yield return "\uFEFF\uFEFF{}";
        yield return "/*";
        yield return "//";
        yield return "{\"a\":1} x";
        yield return new string('[', 10_000) + new string(']', 10_000);
        yield return new string('[', 10_000);
        yield return string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000);
        yield return "{\"JwtIssuer\":{\"Profiles\":{\"P\":{\"Issuer\":\"" + new string('x', 1_000_000) + "\"}}}}";
        yield return "{\"JwtIssuer\":{\"Profiles\":{\"P\":{\"ExpiresIn\":" + new string('9', 100_000) + "}}}}";
        yield return "{\"a\":\"" + string.Concat(Enumerable.Repeat("\\u00e9", 100_000)) + "\"}";
        yield return "{\"a\":" + string.Concat(Enumerable.Repeat("/* c */", 50_000)) + "1}";
        yield return "{" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"\"k{i}\":{i},")) + "}";
        yield return "\"\\u";
        yield return "\"\\ud800\"";
        yield return "[1,,2]";
        yield return "{,}";
        yield return "{\"a\" 1}";
        yield return "-";
        yield return "1.";
        yield return "1e";
        yield return "01";
        yield return "tru";
        yield return "nulll";
        yield return "{\"a\":\"\n\"}";
    }

    private static string Mutate(string text, Random random)
    {
        if (text.Length == 0) return Intruders[random.Next(Intruders.Length)];
        int position = random.Next(text.Length);
        switch (random.Next(9))
        {
            case 0: return text.Remove(position, 1);
            case 1: return text.Insert(position, Intruders[random.Next(Intruders.Length)]);
            case 2: return text.Remove(position, 1).Insert(position, Intruders[random.Next(Intruders.Length)]);
            case 3: return text[..position];
            case 4:
            {
                int length = random.Next(1, Math.Min(200, text.Length - position + 1));
                return text.Insert(position, text.Substring(position, length));
            }
            case 5: return text.Insert(position, new string('[', random.Next(30, 200)));
            case 6:
            {
                // Replace one member's value by another kind of value.
                var members = Regex.Matches(text, "\"[A-Za-z_]+\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[0-9]+|true|false|null)");
                if (members.Count == 0) return text;
                var value = members[random.Next(members.Count)].Groups[1];
                return text.Remove(value.Index, value.Length).Insert(value.Index, Values[random.Next(Values.Length)]);
            }
            case 7:
            {
                // Swap two characters.
                var chars = text.ToCharArray();
                int other = random.Next(chars.Length);
                (chars[position], chars[other]) = (chars[other], chars[position]);
                return new string(chars);
            }
            default: return text.Insert(position, ((char)random.Next(0, 0x10000)).ToString());
        }
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
