using System.Diagnostics;

namespace TokenIssuer.KeyManagement.Tests;

public class TwoProcessTests
{
    [Fact]
    public async Task TwoProcessesStartedTogetherOnAnEmptyFolderSignWithTheSameKey()
    {
        var store = TestKeys.NewFolder("two-processes-store");
        var keyRing = TestKeys.NewFolder("two-processes-dp");
        // The shared Data Protection key ring exists before the apps start, as it does in a deployment.
        Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Protect(
            TestKeys.KeyRing(keyRing, "two-processes").CreateProtector("warm-up"), "warm-up");

        var outputs = await Task.WhenAll(Run(store, keyRing), Run(store, keyRing));

        Assert.Equal(outputs[0], outputs[1]);
        Assert.Contains(await new FileSystemJwtKeyStore(store).LoadKeysAsync(CancellationToken.None), k => k.KeyId == outputs[0]);
    }

    private static async Task<string> Run(DirectoryInfo store, DirectoryInfo keyRing)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { typeof(Program).Assembly.Location, "worker", store.FullName, keyRing.FullName }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"worker exited with {process.ExitCode}: {await error}");
        return (await output).Trim();
    }
}
