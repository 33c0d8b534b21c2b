using System.Net;
using System.Net.Sockets;

namespace ExportJobs.Testing.Servers;

/// <summary>
/// A TCP proxy on a free 127.0.0.1 port that forwards to a real server and cuts any connection once it has carried
/// more than <c>byteLimit</c> bytes towards the server: small requests pass, a large upload is dropped in the middle.
/// </summary>
public sealed class DroppingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly long _byteLimit;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _dropped;

    /// <summary>Starts the proxy.</summary>
    /// <param name="targetPort">The real server's port on 127.0.0.1.</param>
    /// <param name="byteLimit">Bytes a connection may send towards the server before it is cut.</param>
    public DroppingTcpProxy(int targetPort, long byteLimit)
    {
        _targetPort = targetPort;
        _byteLimit = byteLimit;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    /// <summary>How many connections were cut.</summary>
    public int DroppedConnections => Volatile.Read(ref _dropped);

    /// <summary>Stops accepting and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        using (client)
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                using var cut = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var upstream = PumpAsync(client.GetStream(), server.GetStream(), _byteLimit, cut);
                var downstream = PumpAsync(server.GetStream(), client.GetStream(), long.MaxValue, cut);
                await Task.WhenAny(upstream, downstream);
                await cut.CancelAsync();
                if (upstream.IsCompletedSuccessfully && upstream.Result)
                {
                    Interlocked.Increment(ref _dropped);
                    client.Client.LingerState = new LingerOption(true, 0);
                    server.Client.LingerState = new LingerOption(true, 0);
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>Copies until the end of the stream; returns true when it stopped because the limit was reached.</summary>
    private static async Task<bool> PumpAsync(Stream from, Stream to, long limit, CancellationTokenSource cut)
    {
        var buffer = new byte[16384];
        long total = 0;
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cut.Token)) > 0)
            {
                if (total + read > limit)
                {
                    return true;
                }

                total += read;
                await to.WriteAsync(buffer.AsMemory(0, read), cut.Token);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }

        return false;
    }
}
