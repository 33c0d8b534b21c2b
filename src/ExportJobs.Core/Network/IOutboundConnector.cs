using System.Net;

namespace ExportJobs.Network;

/// <summary>Opens the TCP connections <see cref="OutboundAddressPolicy"/> has checked; the default uses a socket.</summary>
/// <remarks>It is only ever given addresses the policy allowed. Tests replace it to see where the library would connect.</remarks>
public interface IOutboundConnector
{
    /// <summary>Connects to the first of <paramref name="addresses"/> that answers, on <paramref name="port"/>.</summary>
    /// <param name="addresses">Checked addresses, in the order DNS returned them.</param>
    /// <param name="port">The TCP port.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    ValueTask<Stream> ConnectAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken);
}
