using System.Security.Cryptography;

namespace TokenIssuer.KeyManagement.Tests;

public class ManagedKeyProtectorTests
{
    [Theory]
    [InlineData(JwtAlgorithm.ES256)]
    [InlineData(JwtAlgorithm.ES512)]
    [InlineData(JwtAlgorithm.RS256)]
    [InlineData(JwtAlgorithm.PS384)]
    public void AProtectedKeyUnprotectsToTheSameKey(JwtAlgorithm algorithm)
    {
        var protector = new ManagedKeyProtector(TestKeys.KeyRing(TestKeys.NewFolder("dp")));

        var (key, record) = protector.Generate("signing", algorithm, TestKeys.T0);
        using var _ = key;
        using var back = protector.Unprotect(record, "test store");

        Assert.Equal(key.ExportPrivateKey(), back.ExportPrivateKey());
        Assert.Equal(record.KeyId, back.KeyId);
        Assert.Equal(record.KeyId, JwkThumbprint.Compute(back));
        Assert.Equal(algorithm, back.DefaultAlgorithm);
        Assert.Equal(JwtAlgorithmNames.Name(algorithm), record.Algorithm);
        Assert.Equal("signing", record.KeyName);
        Assert.Equal(TestKeys.T0, record.Created);
        if (algorithm is JwtAlgorithm.RS256 or JwtAlgorithm.PS384) Assert.Equal(2048, back.KeySizeInBits);
    }

    [Fact]
    public void TheCreationTimeIsKeptToWholeMicrosecondsInUtcSoEveryStoreGivesTheRecordBack()
    {
        var protector = new ManagedKeyProtector(TestKeys.KeyRing(TestKeys.NewFolder("dp")));
        // 100 ns ticks below the microsecond, and an offset: PostgreSQL would give back neither.
        var created = new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5358979);

        var (key, record) = protector.Generate("signing", JwtAlgorithm.ES256, created);
        key.Dispose();

        Assert.Equal(TimeSpan.Zero, record.Created.Offset);
        Assert.Equal(created.UtcTicks - 9, record.Created.UtcTicks);
        Assert.Equal(0, record.Created.UtcTicks % TimeSpan.TicksPerMicrosecond);
    }

    [Fact]
    public void TheRecordNeverHoldsThePrivateKeyInTheClear()
    {
        var protector = new ManagedKeyProtector(TestKeys.KeyRing(TestKeys.NewFolder("dp")));
        var (key, record) = protector.Generate("signing", JwtAlgorithm.RS256, TestKeys.T0);
        using var _ = key;

        string json = JwtStoredKeyJson.Serialize(record);

        foreach (string secret in PrivateKeyForms(key)) Assert.DoesNotContain(secret, json);
    }

    [Fact]
    public void AnotherKeyRingCannotUnprotectAndSaysExactlyThat()
    {
        var mine = new ManagedKeyProtector(TestKeys.KeyRing(TestKeys.NewFolder("dp-a")));
        var theirs = new ManagedKeyProtector(TestKeys.KeyRing(TestKeys.NewFolder("dp-b")));
        var (key, record) = mine.Generate("signing", JwtAlgorithm.ES256, TestKeys.T0);
        key.Dispose();

        var error = Assert.Throws<ManagedKeyUnprotectException>(() => theirs.Unprotect(record, "file system (/shared/keys)"));

        Assert.StartsWith($"TokenIssuer cannot use managed signing key {record.KeyId} of key \"signing\" from file system (/shared/keys): " +
            "this instance's ASP.NET Core Data Protection cannot unprotect it: its Data Protection key ring is not the one that protected the key. " +
            "Every instance must share one key ring: persist Data Protection keys where all instances see them", error.Message);
        Assert.DoesNotContain(record.ProtectedKey, error.Message);
        Assert.IsAssignableFrom<CryptographicException>(error.InnerException);
    }

    [Fact]
    public void ARecordWhoseKeyIsNotItsKidIsRefused()
    {
        var protector = new ManagedKeyProtector(TestKeys.KeyRing(TestKeys.NewFolder("dp")));
        var (key, record) = protector.Generate("signing", JwtAlgorithm.ES256, TestKeys.T0);
        key.Dispose();

        var error = Assert.Throws<ManagedKeyUnprotectException>(() => protector.Unprotect(record with { KeyId = "someone-elses-kid" }, "test store"));

        Assert.Contains("the key it holds is not the key its kid names", error.Message);
    }

    [Fact]
    public void ARecordFromANewerFormatAsksForAnUpgrade()
    {
        var protector = new ManagedKeyProtector(TestKeys.KeyRing(TestKeys.NewFolder("dp")));

        var error = Assert.Throws<ManagedKeyUnprotectException>(() => protector.Unprotect(TestKeys.Record("k", 0) with { FormatVersion = 2 }, "test store"));

        Assert.Contains("format version 2", error.Message);
        Assert.Contains("upgrade this instance", error.Message);
    }

    /// <summary>The ways a private key could leak into a file: PEM text, the PKCS#8 body in base64, the JWK <c>d</c> member.</summary>
    internal static IEnumerable<string> PrivateKeyForms(SigningKey key)
    {
        string pem = key.ExportPrivateKey();
        string base64 = string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim()));
        yield return "PRIVATE KEY";
        yield return base64[..40];
        yield return base64[^40..];
        yield return "\"d\"";
        byte[] d = key switch
        {
            RsaSigningKey rsa => rsa.Rsa.ExportParameters(includePrivateParameters: true).D!,
            EcdsaSigningKey ec => ec.Ecdsa.ExportParameters(includePrivateParameters: true).D!,
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
        yield return System.Buffers.Text.Base64Url.EncodeToString(d)[..20];
        yield return Convert.ToBase64String(d)[..20];
    }
}
