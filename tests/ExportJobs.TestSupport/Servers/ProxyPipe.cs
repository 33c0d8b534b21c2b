namespace ExportJobs.Testing.Servers;

/// <summary>One direction of one <see cref="LoopbackProxy"/> connection, as a policy sees it.</summary>
public sealed class ProxyPipe
{
    private readonly Stream _from;
    private readonly Stream _to;
    private readonly LoopbackProxy _proxy;
    private readonly bool _toServer;

    internal ProxyPipe(Stream from, Stream to, LoopbackProxy proxy, bool toServer, CancellationToken cancellationToken)
    {
        _from = from;
        _to = to;
        _proxy = proxy;
        _toServer = toServer;
        CancellationToken = cancellationToken;
    }

    /// <summary>Cancelled when the connection ends (either side closed, the policy dropped it, or the proxy stopped).</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Whether the policy cut the connection (<see cref="Drop"/>).</summary>
    internal bool Dropped { get; private set; }

    /// <summary>Reads what the sending side sent next; 0 when it stopped sending.</summary>
    /// <param name="buffer">Where to read into.</param>
    public ValueTask<int> ReadAsync(Memory<byte> buffer) => _from.ReadAsync(buffer, CancellationToken);

    /// <summary>Forwards bytes to the receiving side (towards the server they count in <see cref="LoopbackProxy.ForwardedBytes"/>).</summary>
    /// <param name="bytes">The bytes, as the policy wants them to arrive.</param>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await _to.WriteAsync(bytes, CancellationToken);
        if (_toServer)
        {
            _proxy.AddForwarded(bytes.Length);
        }
    }

    /// <summary>Forwards everything unchanged until the sending side stops.</summary>
    public async Task CopyAsync()
    {
        var buffer = new byte[16384];
        int read;
        while ((read = await ReadAsync(buffer)) > 0)
        {
            await SendAsync(buffer.AsMemory(0, read));
        }
    }

    /// <summary>
    /// Flushes what was sent, completes <see cref="LoopbackProxy.Stalled"/> and waits for
    /// <see cref="LoopbackProxy.Release"/> (or the end of the connection); the connection stays open meanwhile.
    /// </summary>
    public async Task HoldAsync()
    {
        await _to.FlushAsync(CancellationToken);
        await _proxy.HoldAsync(CancellationToken);
    }

    /// <summary>
    /// Cuts the whole connection once the policy returns: both sockets are reset, as a broken network would, and
    /// <see cref="LoopbackProxy.DroppedConnections"/> counts it.
    /// </summary>
    public void Drop() => Dropped = true;

    /// <summary>Counts one request whose bytes the policy changed, in <see cref="LoopbackProxy.CorruptedRequests"/>.</summary>
    public void ReportCorrupted() => _proxy.AddCorrupted();
}
