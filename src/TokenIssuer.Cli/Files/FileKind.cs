using System.Runtime.InteropServices;

namespace TokenIssuer.Cli.Files;

/// <summary>What a path names, without following a symbolic link at its end.</summary>
internal enum FileKind
{
    Missing,
    RegularFile,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}

/// <summary>
/// Finds the <see cref="FileKind"/> of a path. .NET exposes directories and links but not devices,
/// FIFOs or sockets; on Unix the type comes from lstat(2), through the runtime's own native library
/// (its FileStatus struct: Flags, then Mode, with the portable S_IF* values).
/// </summary>
internal static partial class FileKinds
{
    public static FileKind Of(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return FileKind.SymbolicLink;
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!info.Exists) return FileKind.Missing;
        if (OperatingSystem.IsWindows()) return FileKind.RegularFile;
        return FromLStat(path) ?? FileKind.RegularFile;
    }

    /// <summary>What a kind is called in messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Other => "not a regular file",
        _ => "a regular file",
    };

    private static FileKind? FromLStat(string path)
    {
        try
        {
            var status = new FileStatusBuffer();
            if (LStat(path, ref status) != 0) return null;
            return (status.Mode & 0xF000) switch
            {
                0x8000 => FileKind.RegularFile,
                0x4000 => FileKind.Directory,
                0xA000 => FileKind.SymbolicLink,
                0x1000 => FileKind.Fifo,
                0x2000 => FileKind.CharacterDevice,
                0x6000 => FileKind.BlockDevice,
                0xC000 => FileKind.Socket,
                _ => FileKind.Other,
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A runtime without the entry point: links and directories are still refused above.
            return null;
        }
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, ref FileStatusBuffer status);

    /// <summary>Room for the runtime's FileStatus (about 120 bytes), with a margin should it grow; only Mode is read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 512)]
    private struct FileStatusBuffer
    {
        [FieldOffset(4)]
        public int Mode;
    }
}
