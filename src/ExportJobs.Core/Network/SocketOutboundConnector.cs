using System.Net;
using System.Net.Sockets;

namespace ExportJobs.Network;

/// <summary>Connects a dual-mode TCP socket with Nagle off.</summary>
internal sealed class SocketOutboundConnector : IOutboundConnector
{
    public async ValueTask<Stream> ConnectAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. addresses], port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
