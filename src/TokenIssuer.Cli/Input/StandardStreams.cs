using Microsoft.Win32.SafeHandles;

namespace TokenIssuer.Cli.Input;

/// <summary>The process's standard output as a stream that reports a closed pipe.</summary>
internal static class StandardStreams
{
    /// <summary>
    /// Standard output. On Unix it is opened on file descriptor 1 directly: .NET's console stream drops
    /// writes to a closed pipe silently (EPIPE), so a batch whose reader has gone would sign on to the
    /// end and exit 0. A <see cref="FileStream"/> throws an <see cref="IOException"/> instead.
    /// </summary>
    public static Stream OpenOutput()
        => OperatingSystem.IsWindows()
            ? Console.OpenStandardOutput()
            : new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
}
