using System.Security.Cryptography;

namespace TokenIssuer.Cli.Tests;

/// <summary><c>tokenissuer keys new</c>: the key each algorithm gets, and a key file only its owner can read.</summary>
public class KeysNewCommandTests
{
    [Theory]
    [InlineData("HS256", 32)]
    [InlineData("HS384", 48)]
    [InlineData("HS512", 64)]
    public void HmacSecretIsAsLongAsTheHash(string algorithm, int bytes)
    {
        var result = Cli.Run("keys", "new", "--alg", algorithm).AssertExit(0);

        string secret = result.Stdout.Trim();
        Assert.Equal(bytes, System.Buffers.Text.Base64Url.DecodeFromChars(secret).Length);
        Assert.NotEqual(secret, Cli.Run("keys", "new", "--alg", algorithm).AssertExit(0).Stdout.Trim());
    }

    [Theory]
    [InlineData("ES256", 256)]
    [InlineData("ES384", 384)]
    [InlineData("ES512", 521)]
    public void EcKeyIsOnTheAlgorithmsCurve(string algorithm, int bits)
    {
        var result = Cli.Run("keys", "new", "--alg", algorithm).AssertExit(0);

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", result.Stdout, StringComparison.Ordinal);
        using var ec = ECDsa.Create();
        ec.ImportFromPem(result.Stdout);
        Assert.Equal(bits, ec.KeySize);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS512")]
    public void RsaKeyIs2048Bits(string algorithm)
    {
        var result = Cli.Run("keys", "new", "--alg", algorithm).AssertExit(0);

        using var rsa = RSA.Create();
        rsa.ImportFromPem(result.Stdout);
        Assert.Equal(2048, rsa.KeySize);
    }

    [Fact]
    public void OutFileIsReadableByItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return; // Unix file modes; Windows keeps the folder's ACL.
        using var folder = new TempFolder();
        string path = folder.File("key.pem");

        var result = Cli.Run("keys", "new", "--alg", "ES256", "--out", path).AssertExit(0);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("", result.Stdout);
        Assert.Contains("Wrote an EC P-256 private key for ES256 (PKCS#8 PEM)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExistingFileIsKeptWithoutForceAndReplacedWithIt()
    {
        using var folder = new TempFolder();
        string path = folder.Write("key.pem", "keep me");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var refused = Cli.Run("keys", "new", "--alg", "HS256", "--out", path).AssertExit(1);
        Assert.Contains("already exists; give --force to overwrite it.", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(path));

        Cli.Run("keys", "new", "--alg", "HS256", "--out", path, "--force").AssertExit(0);
        Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(File.ReadAllText(path).Trim()).Length);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }
}
