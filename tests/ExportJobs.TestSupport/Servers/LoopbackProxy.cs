using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ExportJobs.Testing.Servers;

/// <summary>
/// A TCP proxy on a free 127.0.0.1 port (bound to port 0, <see cref="Port"/> read back) in front of a real server on
/// 127.0.0.1. Each accepted connection is forwarded to the server, each direction on its own task, as the
/// <see cref="IProxyPolicy"/> decides: <see cref="CorruptHttpBodies"/> changes request bodies, <see cref="DropAfterBytes"/>
/// cuts a connection in the middle of an upload, <see cref="StallAfterBytes"/> holds one until <see cref="Release"/>.
/// When either direction ends, the connection is closed.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(30);
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly IProxyPolicy _policy;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly ConcurrentQueue<Exception> _policyErrors = new();
    private readonly Task _accepting;
    private long _forwarded;
    private int _dropped;
    private int _corrupted;

    /// <summary>Starts the proxy.</summary>
    /// <param name="targetPort">The real server's port on 127.0.0.1.</param>
    /// <param name="policy">What happens to the bytes of each connection.</param>
    public LoopbackProxy(int targetPort, IProxyPolicy policy)
    {
        _targetPort = targetPort;
        _policy = policy;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Bytes forwarded towards the server so far, over all connections.</summary>
    public long ForwardedBytes => Interlocked.Read(ref _forwarded);

    /// <summary>How many connections the policy cut (<see cref="ProxyPipe.Drop"/>).</summary>
    public int DroppedConnections => Volatile.Read(ref _dropped);

    /// <summary>How many requests the policy changed (<see cref="ProxyPipe.ReportCorrupted"/>).</summary>
    public int CorruptedRequests => Volatile.Read(ref _corrupted);

    /// <summary>Completes once the policy holds a connection (<see cref="ProxyPipe.HoldAsync"/>).</summary>
    public Task Stalled => _stalled.Task;

    /// <summary>Lets every held connection go on, and any the policy holds from now on pass at once.</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>
    /// Releases, stops accepting and closes every connection; throws what a policy threw other than the connection
    /// closing, or when a connection does not end within 30 seconds.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Release();
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (IsConnectionEnd(ex))
        {
        }

        try
        {
            await Task.WhenAll(_connections.Keys).WaitAsync(DisposeTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"A connection of the proxy on port {Port} did not end within {DisposeTimeout.TotalSeconds} s of disposing it.");
        }
        finally
        {
            _stop.Dispose();
        }

        if (!_policyErrors.IsEmpty)
        {
            throw new AggregateException($"The proxy's {_policy.GetType().Name} policy failed.", _policyErrors);
        }
    }

    internal void AddForwarded(int count) => Interlocked.Add(ref _forwarded, count);

    internal void AddCorrupted() => Interlocked.Increment(ref _corrupted);

    internal async Task HoldAsync(CancellationToken cancellationToken)
    {
        _stalled.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
    }

    private static bool IsConnectionEnd(Exception ex) =>
        ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var connection = Task.Run(() => RelayAsync(client));
            _connections.TryAdd(connection, 0);
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
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
                using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = new ProxyPipe(client.GetStream(), server.GetStream(), this, toServer: true, done.Token);
                var down = new ProxyPipe(server.GetStream(), client.GetStream(), this, toServer: false, done.Token);
                var upstream = RunAsync(_policy.ToServerAsync, up);
                var downstream = RunAsync(_policy.ToClientAsync, down);
                await Task.WhenAny(upstream, downstream);
                await done.CancelAsync();
                await Task.WhenAll(upstream, downstream);
                if (up.Dropped || down.Dropped)
                {
                    Interlocked.Increment(ref _dropped);
                    client.Client.LingerState = new LingerOption(true, 0);
                    server.Client.LingerState = new LingerOption(true, 0);
                }
            }
            catch (Exception ex) when (IsConnectionEnd(ex))
            {
            }
        }
    }

    /// <summary>Runs one direction; the connection closing ends it quietly, any other failure is kept for <see cref="DisposeAsync"/>.</summary>
    private async Task RunAsync(Func<ProxyPipe, Task> direction, ProxyPipe pipe)
    {
        try
        {
            await direction(pipe);
        }
        catch (Exception ex) when (IsConnectionEnd(ex))
        {
        }
        catch (Exception ex)
        {
            _policyErrors.Enqueue(ex);
        }
    }
}
