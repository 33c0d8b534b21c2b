using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ExportJobs.Network;

namespace ExportJobs.Core.Tests.Network;

/// <summary>Names from a dictionary, "own" addresses from a list, and a connector that records and never opens a socket.</summary>
internal sealed class FakeNetwork : IHostNameResolver, IOutboundConnector, ILocalAddressSource
{
    public Dictionary<string, IPAddress[]> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<IPAddress> LocalAddresses { get; } = [];

    public ConcurrentQueue<IPAddress> Connections { get; } = new();

    public ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Names.TryGetValue(host, out var addresses) ? ValueTask.FromResult(addresses) : ValueTask.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));

    public ValueTask<Stream> ConnectAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        foreach (var address in addresses)
        {
            Connections.Enqueue(address);
        }

        return ValueTask.FromResult<Stream>(new MemoryStream());
    }

    public IReadOnlyCollection<IPAddress> GetAddresses() => LocalAddresses;
}
