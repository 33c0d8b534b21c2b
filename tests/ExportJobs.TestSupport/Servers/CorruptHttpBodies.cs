using System.Globalization;
using System.Text;

namespace ExportJobs.Testing.Servers;

/// <summary>
/// A <see cref="LoopbackProxy"/> policy for HTTP/1.1 that changes the body of every PUT request with a body on its way
/// to the server: it flips one byte in the middle (<see cref="CorruptionMode.FlipByte"/>) or appends framing-like bytes
/// and raises Content-Length (<see cref="CorruptionMode.AppendBytes"/>), and can drop the integrity headers
/// (Content-MD5, x-amz-checksum-*, x-ms-content-crc64) so that only the client's own checks can notice. Each changed
/// request counts in <see cref="LoopbackProxy.CorruptedRequests"/>. Responses pass through unchanged.
/// </summary>
public sealed class CorruptHttpBodies : IProxyPolicy
{
    private static readonly byte[] Framing = Encoding.ASCII.GetBytes("\r\n0;chunk-signature=0000\r\n\r\n");
    private readonly CorruptionMode _mode;
    private readonly bool _dropIntegrityHeaders;
    private readonly Func<string, bool> _corrupts;

    /// <summary>Creates the policy.</summary>
    /// <param name="mode">How request bodies are changed.</param>
    /// <param name="dropIntegrityHeaders">Whether integrity headers the server could check are removed.</param>
    /// <param name="corrupts">Which requests to change, by request line (<c>PUT /path?query HTTP/1.1</c>); default every PUT with a body.</param>
    public CorruptHttpBodies(CorruptionMode mode, bool dropIntegrityHeaders, Func<string, bool>? corrupts = null)
    {
        _corrupts = corrupts ?? (line => line.StartsWith("PUT ", StringComparison.Ordinal));
        _mode = mode;
        _dropIntegrityHeaders = dropIntegrityHeaders;
    }

    /// <inheritdoc />
    public async Task ToServerAsync(ProxyPipe pipe)
    {
        var reader = new BufferedReader(pipe);
        while (await reader.ReadHeadAsync() is { } head)
        {
            var lines = head.Split("\r\n").ToList();
            var lengthLine = lines.FindIndex(l => l.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase));
            var length = lengthLine < 0 ? 0 : long.Parse(lines[lengthLine].AsSpan(15).Trim(), CultureInfo.InvariantCulture);
            if (lines.Any(l => l.StartsWith("transfer-encoding:", StringComparison.OrdinalIgnoreCase)))
            {
                throw new NotSupportedException("CorruptHttpBodies handles Content-Length bodies only.");
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

            await pipe.SendAsync(Encoding.ASCII.GetBytes(string.Join("\r\n", lines) + "\r\n\r\n"));
            var flipAt = corrupt && _mode == CorruptionMode.FlipByte ? length / 2 : -1;
            await reader.CopyBodyAsync(length, flipAt);
            if (corrupt && _mode == CorruptionMode.AppendBytes)
            {
                await pipe.SendAsync(Framing);
            }

            if (corrupt)
            {
                pipe.ReportCorrupted();
            }
        }
    }

    /// <summary>Reads request heads and bodies from a connection, keeping what it read ahead, and forwards the bodies.</summary>
    private sealed class BufferedReader(ProxyPipe pipe)
    {
        private readonly byte[] _buffer = new byte[65536];
        private int _start;
        private int _end;

        public async Task<string?> ReadHeadAsync()
        {
            var head = new List<byte>();
            while (true)
            {
                if (_start == _end && !await FillAsync())
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

        public async Task CopyBodyAsync(long length, long flipAt)
        {
            long copied = 0;
            while (copied < length)
            {
                if (_start == _end && !await FillAsync())
                {
                    throw new IOException("The client closed the connection in the middle of a body.");
                }

                var count = (int)Math.Min(_end - _start, length - copied);
                if (flipAt >= copied && flipAt < copied + count)
                {
                    _buffer[_start + (int)(flipAt - copied)] ^= 0x20;
                }

                await pipe.SendAsync(_buffer.AsMemory(_start, count));
                _start += count;
                copied += count;
            }
        }

        private async Task<bool> FillAsync()
        {
            _start = 0;
            _end = await pipe.ReadAsync(_buffer);
            return _end > 0;
        }
    }
}
