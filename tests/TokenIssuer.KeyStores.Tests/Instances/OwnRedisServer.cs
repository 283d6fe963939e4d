using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TokenIssuer.KeyStores.Tests.Instances;

/// <summary>
/// A redis-server process of the test's own, on a free loopback port, that the test may stop and start again on the
/// same port (the shared test server is never stopped). Its data survives a stop, as a production server's does:
/// append-only file, fsync on every write. redis-server comes from eng/test-servers.sh (or the distribution's package).
/// </summary>
internal sealed class OwnRedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _data = new();
    private Process? _process;

    private OwnRedisServer(int port) => Port = port;

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public static async Task<OwnRedisServer> StartAsync()
    {
        var server = new OwnRedisServer(FreePort());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the server (again) on its port, and returns once it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is not null) throw new InvalidOperationException("The server is running.");
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[]
        {
            "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", _data.Path,
            "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--daemonize", "no",
        })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed: run the tests through eng/test-servers.sh, which installs it, or apt-get install redis-server.", e);
        }
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        while (!await AnswersPingAsync())
        {
            if (_process.HasExited) throw new InvalidOperationException($"redis-server exited with {_process.ExitCode} on port {Port}.");
            if (clock.Elapsed > StartLimit) throw new TimeoutException($"redis-server did not answer on {Endpoint} within {StartLimit}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the server, as a crash or an operator would: the process is killed, its port closed.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("PING\r\n"));
            var buffer = new byte[16];
            int read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _data.Dispose();
    }
}
