using System.Text;

namespace ExportJobs.Testing.Servers;

/// <summary>Reads HTTP/1.1 request heads and bodies from one proxy connection, keeping what it read ahead, and forwards the bodies.</summary>
internal sealed class HttpRequestReader(ProxyPipe pipe)
{
    private readonly byte[] _buffer = new byte[65536];
    private int _start;
    private int _end;

    /// <summary>The next request's head without its final blank line; <see langword="null"/> when the client stopped sending.</summary>
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

    /// <summary>Forwards <paramref name="length"/> body bytes, flipping the one at <paramref name="flipAt"/> (none when negative).</summary>
    public async Task CopyBodyAsync(long length, long flipAt = -1)
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
