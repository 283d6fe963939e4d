namespace TokenIssuer.Cli.Input;

/// <summary>
/// The largest token <c>decode</c> reads and the longest request line <c>sign --batch</c> reads. Real
/// tokens are a few kilobytes (an HTTP header rarely takes more than 8 KB); the bound keeps a stray file
/// or a runaway producer from costing gigabytes of memory (a 50 MB token took 1 GB to decode).
/// </summary>
internal static class InputLimits
{
    /// <summary>1 MiB, in characters (a token and a request line are ASCII, or nearly).</summary>
    public const int MaxChars = 1024 * 1024;

    public const string Description = "1 MiB (1,048,576 characters)";
}
