using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ExportJobs.Testing.Servers;

/// <summary>Free TCP ports on 127.0.0.1 for test servers, and ports held closed for "server down" tests.</summary>
/// <remarks>
/// A port found free is free only until someone binds it, so a server started on one may still lose the race to
/// another process. <see cref="ServerProcess"/> therefore waits for the server's own "listening" line and starts it
/// again on another port when its bind fails. Within one test process no port is handed out twice.
/// </remarks>
public static class LoopbackPorts
{
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    /// <summary>Returns a port that was free a moment ago and that this process has not handed out before.</summary>
    public static int GetFree()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, 0))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free loopback port that this process has not already handed out.");
    }

    /// <summary>Whether a server's output says its bind failed because the port was taken (Node's EADDRINUSE, the C library's text).</summary>
    /// <param name="output">What the server printed or logged.</param>
    public static bool IsInUse(string output) =>
        output.Contains("EADDRINUSE", StringComparison.Ordinal) || output.Contains("Address already in use", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reserves a 127.0.0.1 port that refuses every connection for as long as the result is not disposed: a socket is
    /// bound to it but never listens, so nothing else can start on it meanwhile. For tests of a server that is down.
    /// </summary>
    public static ClosedPort ReserveClosed() => new();
}

/// <summary>A 127.0.0.1 port bound but not listening: connections to it are refused until it is disposed.</summary>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    internal ClosedPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>Releases the port.</summary>
    public void Dispose() => _socket.Dispose();
}
