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
        var reader = new HttpRequestReader(pipe);
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
}
