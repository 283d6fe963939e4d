namespace TokenIssuer.Cli;

/// <summary>The process exit codes of every command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The token, key or input could not be used, or a signature is not valid.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: an unknown flag, a bad flag value, a missing or ambiguous key source.</summary>
    public const int Usage = 2;
}
