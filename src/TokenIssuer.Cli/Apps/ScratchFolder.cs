namespace TokenIssuer.Cli.Apps;

/// <summary>A folder of the current user's that is deleted afterwards.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tokenissuer-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: what is left is a throwaway key in the temp folder.
        }
    }
}
