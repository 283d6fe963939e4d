using System.Collections.Concurrent;

namespace TokenIssuer.Tests.Signing;

/// <summary>One shared key per algorithm family, signed from 8 tasks at once; every token must verify.</summary>
public class ThreadSafetyTests
{
    private const int Tasks = 8;
    private const int TokensPerTask = 500;

    [Theory]
    [InlineData("HS256")]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task SharedKeySignsConcurrently(string alg)
    {
        var key = alg switch { "HS256" => SigningKeys.LongHmacSecret, "RS256" => SigningKeys.Rsa2048, _ => SigningKeys.EcP256 };
        Assert.True(JwtAlgorithmNames.TryParse(alg, out var algorithm));
        var tokens = new ConcurrentBag<(int Task, int Index, string Token)>();

        using var start = new ManualResetEventSlim(false);
        var workers = Enumerable.Range(0, Tasks).Select(t => Task.Factory.StartNew(() =>
        {
            start.Wait();
            var options = new JwtSignOptions { Algorithm = algorithm, TimeProvider = TestClock.Create(), Subject = "task-" + t };
            for (int i = 0; i < TokensPerTask; i++)
            {
                tokens.Add((t, i, JwtSigner.Sign(Payload.Of(("i", i), ("t", t)), key, options)));
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        start.Set();
        await Task.WhenAll(workers);

        Assert.Equal(Tasks * TokensPerTask, tokens.Count);
        using var rsa = alg == "RS256" ? KeyFiles.RsaPublic("rsa2048-public.pem") : null;
        using var ec = alg == "ES256" ? KeyFiles.EcPublic("ec-p256-public.pem") : null;
        foreach (var (t, i, token) in tokens)
        {
            var jwt = new Jwt(token);
            Assert.Equal($$"""{"i":{{i}},"t":{{t}},"iat":1700000000,"sub":"task-{{t}}"}""", jwt.PayloadJson);
            bool valid = alg switch
            {
                "HS256" => jwt.VerifiesWith(TestKeys.Secret64),
                "RS256" => jwt.VerifiesWith(rsa!),
                _ => jwt.VerifiesWith(ec!),
            };
            Assert.True(valid, $"{alg} token {t}/{i} does not verify");
        }
    }
}
