using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace TokenIssuer;

/// <summary>A key file that cannot be used as one; the message names the file and never quotes its contents.</summary>
internal sealed class KeyFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads a <c>PemFile</c> without letting the file decide how long the read takes or how much it costs:
/// the file is opened non-blocking (a FIFO with no writer would otherwise hold the reload, and the reload
/// lock, forever), must be a regular file, and may hold at most <see cref="MaxBytes"/> (a PEM key is a
/// few kilobytes; a device such as <c>/dev/zero</c> or a mistaken path to a large file would exhaust memory).
/// </summary>
internal static class KeyFileReader
{
    /// <summary>1 MiB: far beyond an RSA 16384 key in encrypted PKCS#8 (about 13 KB), far below a danger.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The file's bytes; throws <see cref="FileNotFoundException"/> when it is missing and <see cref="KeyFileException"/> when it cannot serve.</summary>
    public static byte[] Read(string path)
    {
        SafeFileHandle handle;
        try
        {
            handle = Open(path);
        }
        catch (FileNotFoundException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException($"the file \"{path}\" cannot be read: {e.Message}", e);
        }

        using (handle)
        using (var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0))
        {
            // A FIFO, socket or terminal cannot seek; a regular file can.
            if (!stream.CanSeek) throw new KeyFileException($"the file \"{path}\" is not a regular file (it is a FIFO, socket or device). Point PemFile at a file holding a PEM private key.");
            if (stream.Length > MaxBytes) throw TooLarge(path);
            var buffer = new byte[Math.Min(MaxBytes + 1, (int)stream.Length + 4096)];
            int total = 0;
            try
            {
                while (true)
                {
                    if (total == buffer.Length)
                    {
                        // A device reports no length: read on, but never past the bound.
                        if (total > MaxBytes) throw TooLarge(path);
                        Array.Resize(ref buffer, Math.Min(MaxBytes + 1, buffer.Length * 2));
                    }
                    int read = stream.Read(buffer, total, buffer.Length - total);
                    if (read == 0) break;
                    total += read;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                CryptographicOperations.ZeroMemory(buffer);
                throw new KeyFileException($"the file \"{path}\" cannot be read: {e.Message}", e);
            }
            if (total > MaxBytes)
            {
                CryptographicOperations.ZeroMemory(buffer);
                throw TooLarge(path);
            }
            var bytes = buffer.AsSpan(0, total).ToArray();
            CryptographicOperations.ZeroMemory(buffer);
            return bytes;
        }
    }

    /// <summary>
    /// What the file holds now, for change detection: the SHA-256 of its bytes, or why it cannot be read.
    /// Comparing contents rather than trusting file events catches a Kubernetes <c>..data</c> symlink swap,
    /// an atomic rename and a re-created folder alike.
    /// </summary>
    public static string Fingerprint(string path)
    {
        try
        {
            var bytes = Read(path);
            string hash = Fingerprint(bytes);
            CryptographicOperations.ZeroMemory(bytes);
            return hash;
        }
        catch (FileNotFoundException)
        {
            return "missing";
        }
        catch (DirectoryNotFoundException)
        {
            return "missing";
        }
        catch (KeyFileException e)
        {
            return "unusable: " + e.Message;
        }
    }

    public static string Fingerprint(ReadOnlySpan<byte> bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    private static KeyFileException TooLarge(string path)
        => new($"the file \"{path}\" is larger than {MaxBytes / 1024 / 1024} MiB; a PEM key is a few kilobytes. Point PemFile at the key file.");

    private static SafeFileHandle Open(string path)
    {
        int? flags = OperatingSystem.IsLinux() || OperatingSystem.IsAndroid() ? 0x800 | 0x80000 // O_NONBLOCK | O_CLOEXEC
            : OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsMacCatalyst() || OperatingSystem.IsTvOS() ? 0x4 | 0x1000000
            : OperatingSystem.IsFreeBSD() ? 0x4 | 0x100000
            : null;
        // Windows has no FIFOs at file paths; another system gets the ordinary (blocking) open.
        if (flags is null) return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        byte[] native = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1];
        System.Text.Encoding.UTF8.GetBytes(path, native);
        int fd = NativeOpen(native, flags.Value);
        if (fd >= 0) return new SafeFileHandle(fd, ownsHandle: true);
        int errno = Marshal.GetLastPInvokeError();
        string reason = Marshal.GetPInvokeErrorMessage(errno);
        throw errno switch
        {
            2 => new FileNotFoundException(reason, path), // ENOENT
            13 or 1 => new UnauthorizedAccessException($"{reason} (permission denied)"), // EACCES, EPERM
            _ => new IOException(reason),
        };
    }

    // open(2) with O_NONBLOCK: .NET's own open blocks on a FIFO until a writer appears.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int NativeOpen(byte[] path, int flags);
}
