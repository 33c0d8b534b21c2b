using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ExportJobs.Testing.Servers;

/// <summary>
/// An HTTP/1.1 proxy on a free 127.0.0.1 port in front of a real server that changes the body of every PUT request with
/// a body on its way: it flips one byte in the middle (<see cref="CorruptionMode.FlipByte"/>) or appends framing-like
/// bytes and raises Content-Length (<see cref="CorruptionMode.AppendBytes"/>), and can drop the integrity headers
/// (Content-MD5, x-amz-checksum-*, x-ms-content-crc64) so that only the client's own checks can notice.
/// Responses pass through unchanged.
/// </summary>
public sealed class CorruptingHttpProxy : IAsyncDisposable
{
    private static readonly byte[] Framing = Encoding.ASCII.GetBytes("\r\n0;chunk-signature=0000\r\n\r\n");
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CorruptionMode _mode;
    private readonly bool _dropIntegrityHeaders;
    private readonly Func<string, bool> _corrupts;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _corrupted;

    /// <summary>Starts the proxy.</summary>
    /// <param name="targetPort">The real server's port on 127.0.0.1.</param>
    /// <param name="mode">How request bodies are changed.</param>
    /// <param name="dropIntegrityHeaders">Whether integrity headers the server could check are removed.</param>
    /// <param name="corrupts">Which requests to change, by request line (<c>PUT /path?query HTTP/1.1</c>); default every PUT with a body.</param>
    public CorruptingHttpProxy(int targetPort, CorruptionMode mode, bool dropIntegrityHeaders, Func<string, bool>? corrupts = null)
    {
        _corrupts = corrupts ?? (line => line.StartsWith("PUT ", StringComparison.Ordinal));
        _targetPort = targetPort;
        _mode = mode;
        _dropIntegrityHeaders = dropIntegrityHeaders;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    /// <summary>How many request bodies were changed.</summary>
    public int CorruptedRequests => Volatile.Read(ref _corrupted);

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
                using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var upstream = ForwardRequestsAsync(client.GetStream(), server.GetStream(), done.Token);
                var downstream = server.GetStream().CopyToAsync(client.GetStream(), done.Token);
                await Task.WhenAny(upstream, downstream);
                await done.CancelAsync();
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task ForwardRequestsAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var reader = new BufferedReader(from);
        while (await reader.ReadHeadAsync(cancellationToken) is { } head)
        {
            var lines = head.Split("\r\n").ToList();
            var lengthLine = lines.FindIndex(l => l.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase));
            var length = lengthLine < 0 ? 0 : long.Parse(lines[lengthLine].AsSpan(15).Trim(), CultureInfo.InvariantCulture);
            if (lines.Any(l => l.StartsWith("transfer-encoding:", StringComparison.OrdinalIgnoreCase)))
            {
                throw new NotSupportedException("The corrupting proxy handles Content-Length bodies only.");
            }

            var corrupt = length > 0 && _corrupts(lines[0]);
            if (corrupt && _dropIntegrityHeaders)
            {
                lines.RemoveAll(l => l.StartsWith("content-md5:", StringComparison.OrdinalIgnoreCase)
                    || l.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase)
                    || l.StartsWith("x-amz-sdk-checksum-algorithm:", StringComparison.OrdinalIgnoreCase)
                    || l.StartsWith("x-ms-content-crc64:", StringComparison.OrdinalIgnoreCase));
                lengthLine = lines.FindIndex(l => l.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase));
            }

            if (corrupt && _mode == CorruptionMode.AppendBytes)
            {
                lines[lengthLine] = FormattableString.Invariant($"Content-Length: {length + Framing.Length}");
            }

            await to.WriteAsync(Encoding.ASCII.GetBytes(string.Join("\r\n", lines) + "\r\n\r\n"), cancellationToken);
            var flipAt = corrupt && _mode == CorruptionMode.FlipByte ? length / 2 : -1;
            await reader.CopyBodyAsync(to, length, flipAt, cancellationToken);
            if (corrupt && _mode == CorruptionMode.AppendBytes)
            {
                await to.WriteAsync(Framing, cancellationToken);
            }

            if (corrupt)
            {
                Interlocked.Increment(ref _corrupted);
            }
        }
    }

    /// <summary>Reads request heads and bodies from a connection, keeping what it read ahead.</summary>
    private sealed class BufferedReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[65536];
        private int _start;
        private int _end;

        public async Task<string?> ReadHeadAsync(CancellationToken cancellationToken)
        {
            var head = new List<byte>();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    return null;
                }

                head.Add(_buffer[_start++]);
                if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
                {
                    return Encoding.ASCII.GetString([.. head])[..^4];
                }
            }
        }

        public async Task CopyBodyAsync(Stream to, long length, long flipAt, CancellationToken cancellationToken)
        {
            long copied = 0;
            while (copied < length)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new IOException("The client closed the connection in the middle of a body.");
                }

                var count = (int)Math.Min(_end - _start, length - copied);
                if (flipAt >= copied && flipAt < copied + count)
                {
                    _buffer[_start + (int)(flipAt - copied)] ^= 0x20;
                }

                await to.WriteAsync(_buffer.AsMemory(_start, count), cancellationToken);
                _start += count;
                copied += count;
            }
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken);
            return _end > 0;
        }
    }
}
