using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ExportJobs.Testing.Servers;

/// <summary>
/// A <see cref="LoopbackProxy"/> policy for HTTP/1.1 (Content-Length bodies) that records the request line of every
/// request on its way to the server (<c>PUT /bucket/key?partNumber=2&amp;uploadId=… HTTP/1.1</c>) and cuts the
/// connection of the requests <c>drop</c> selects, after forwarding their head and <c>dropAfterBodyBytes</c> of their
/// body (nothing when 0; never the whole request): the server never answers them, as when the network fails in the middle of that request. Responses pass unchanged.
/// </summary>
/// <remarks>The wire-level seam for "what did the client ask the server": an abort sent, a complete never sent, a check that fails after publish.</remarks>
public sealed class HttpRequestLog : IProxyPolicy
{
    private readonly Func<string, bool> _drop;
    private readonly long _dropAfterBodyBytes;
    private readonly ConcurrentQueue<string> _lines = new();
    private int _dropped;

    /// <summary>Creates the policy.</summary>
    /// <param name="drop">Which requests to cut, by request line; default none.</param>
    /// <param name="dropAfterBodyBytes">Body bytes of a cut request forwarded before the cut (capped at its length).</param>
    public HttpRequestLog(Func<string, bool>? drop = null, long dropAfterBodyBytes = 0)
    {
        _drop = drop ?? (_ => false);
        _dropAfterBodyBytes = dropAfterBodyBytes;
    }

    /// <summary>Every request line seen so far, in the order the requests started.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>How many requests were cut.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>The request lines with <paramref name="method"/> whose target contains <paramref name="fragment"/>.</summary>
    /// <param name="method">E.g. <c>DELETE</c>.</param>
    /// <param name="fragment">E.g. <c>uploadId=</c>.</param>
    public IReadOnlyList<string> Matching(string method, string fragment) =>
        Lines.Where(l => l.StartsWith(method + " ", StringComparison.Ordinal) && l.Contains(fragment, StringComparison.Ordinal)).ToList();

    /// <inheritdoc />
    public async Task ToServerAsync(ProxyPipe pipe)
    {
        var reader = new HttpRequestReader(pipe);
        while (await reader.ReadHeadAsync() is { } head)
        {
            var lines = head.Split("\r\n");
            _lines.Enqueue(lines[0]);
            if (lines.Any(l => l.StartsWith("transfer-encoding:", StringComparison.OrdinalIgnoreCase)))
            {
                throw new NotSupportedException("HttpRequestLog handles Content-Length bodies only.");
            }

            var lengthLine = Array.FindIndex(lines, l => l.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase));
            var length = lengthLine < 0 ? 0 : long.Parse(lines[lengthLine].AsSpan(15).Trim(), CultureInfo.InvariantCulture);
            if (_drop(lines[0]))
            {
                // The server must never hold the whole request (it would answer it): at most all but one body byte.
                var forwarded = Math.Min(length - 1, _dropAfterBodyBytes);
                if (forwarded > 0)
                {
                    await pipe.SendAsync(Encoding.ASCII.GetBytes(head + "\r\n\r\n"));
                    await reader.CopyBodyAsync(forwarded);
                }

                Interlocked.Increment(ref _dropped);
                pipe.Drop();
                return;
            }

            await pipe.SendAsync(Encoding.ASCII.GetBytes(head + "\r\n\r\n"));
            await reader.CopyBodyAsync(length);
        }
    }
}
