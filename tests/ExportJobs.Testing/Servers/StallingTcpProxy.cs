using System.Net;
using System.Net.Sockets;

namespace ExportJobs.Testing.Servers;

/// <summary>
/// A TCP proxy on a free 127.0.0.1 port that forwards to a real server and, once <c>stallAfterBytes</c> bytes have gone
/// towards the server (over all its connections), holds the connection that crossed that mark until
/// <see cref="Release"/>: an upload stops in the middle, with the server holding what came before, for as long as the
/// test needs. Only that connection is held, and only once; every other byte passes.
/// </summary>
/// <remarks>The seam for "cancelled mid-upload": <see cref="Stalled"/> completes when the upload is in the middle.</remarks>
public sealed class StallingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly long _stallAfterBytes;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly Task _accepting;
    private long _forwarded;
    private bool _stalling;

    /// <summary>Starts the proxy.</summary>
    /// <param name="targetPort">The real server's port on 127.0.0.1.</param>
    /// <param name="stallAfterBytes">Bytes towards the server (all connections together) after which the connection carrying them is held.</param>
    public StallingTcpProxy(int targetPort, long stallAfterBytes)
    {
        _targetPort = targetPort;
        _stallAfterBytes = stallAfterBytes;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Completes once a connection is held: the server has received at least <c>stallAfterBytes</c> bytes.</summary>
    public Task Stalled => _stalled.Task;

    /// <summary>Bytes forwarded towards the server so far.</summary>
    public long ForwardedBytes => Interlocked.Read(ref _forwarded);

    /// <summary>Lets the held connection go on.</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>Releases, stops accepting and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        Release();
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
                var upstream = PumpUpAsync(client.GetStream(), server.GetStream(), cut.Token);
                var downstream = PumpDownAsync(server.GetStream(), client.GetStream(), cut.Token);
                await Task.WhenAny(upstream, downstream);
                await cut.CancelAsync();
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>Client to server, holding once at the mark.</summary>
    private async Task PumpUpAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16384];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
            {
                var pass = read;
                var hold = false;
                lock (_gate)
                {
                    var before = _forwarded;
                    if (!_stalling && before + read >= _stallAfterBytes)
                    {
                        _stalling = true;
                        hold = true;
                        pass = (int)Math.Max(0, _stallAfterBytes - before);
                    }

                    _forwarded += pass;
                }

                await to.WriteAsync(buffer.AsMemory(0, pass), cancellationToken);
                if (hold)
                {
                    await to.FlushAsync(cancellationToken);
                    _stalled.TrySetResult();
                    await _released.Task.WaitAsync(cancellationToken);
                    Interlocked.Add(ref _forwarded, read - pass);
                    await to.WriteAsync(buffer.AsMemory(pass, read - pass), cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static async Task PumpDownAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
