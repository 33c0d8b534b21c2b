using System.Net;
using System.Net.Sockets;

namespace ExportJobs.Testing.Servers;

/// <summary>Free TCP ports on 127.0.0.1 and waiting for a server to listen on one.</summary>
public static class LoopbackPorts
{
    /// <summary>Returns a port that was free a moment ago.</summary>
    public static int GetFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on the port, or fails after <paramref name="timeout"/>.</summary>
    /// <param name="port">The port on 127.0.0.1.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="exited">Tells whether the server process has exited (then waiting is pointless).</param>
    public static async Task<bool> WaitUntilListeningAsync(int port, TimeSpan timeout, Func<bool> exited)
    {
        ArgumentNullException.ThrowIfNull(exited);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !exited())
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        return false;
    }
}
