namespace TokenIssuer.Cli;

/// <summary>
/// An input the command cannot use (a file, an environment variable, a token): reported on stderr
/// with exit code 1. Signing problems are <see cref="JwtSigningException"/>s from the runtime instead.
/// </summary>
internal sealed class CliInputException(string message) : Exception(message);

/// <summary>A command line that cannot work as written: reported on stderr with exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
