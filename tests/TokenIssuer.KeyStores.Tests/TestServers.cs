namespace TokenIssuer.KeyStores.Tests;

/// <summary>Where the test servers are, and the failure that says how to start them when they are not there.</summary>
internal static class TestServers
{
    public const string RedisVariable = "TOKENISSUER_TEST_REDIS";
    public const string PostgresVariable = "TOKENISSUER_TEST_POSTGRES";

    /// <summary><c>host:port</c> of a Redis server the tests may write to (each test under a key of its own).</summary>
    public static string Redis => Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } value ? value : "127.0.0.1:6390";

    /// <summary>An Npgsql connection string of a role that may create databases (each test creates its own).</summary>
    public static string Postgres => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
        ? value
        : "Host=127.0.0.1;Port=5440;Username=postgres;Database=postgres";

    /// <summary>
    /// Seconds an Npgsql connection may take to open. A server that is not there refuses at once; one that is there
    /// but shares a loaded machine with the whole test run can take longer than the usual few seconds (5 s failed CI).
    /// </summary>
    public const int PostgresConnectSeconds = 60;

    public static Exception Unreachable(string server, string where, string variable, Exception cause)
        => new InvalidOperationException(
            $"{server} is not reachable at {where} ({(Environment.GetEnvironmentVariable(variable) is { Length: > 0 } ? "from" : "the default; set")} {variable}): {cause.Message.TrimEnd('.')}. " +
            "These tests need the real server. Start throwaway ones and run the tests through them: " +
            "eng/test-servers.sh dotnet test tests/TokenIssuer.KeyStores.Tests",
            cause);
}
