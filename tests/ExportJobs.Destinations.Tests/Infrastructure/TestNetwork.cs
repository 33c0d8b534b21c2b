using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ExportJobs.Destinations.Sftp;
using ExportJobs.Network;
using Renci.SshNet;

namespace ExportJobs.Destinations.Tests.Infrastructure;

/// <summary>
/// The network as the tests' hosts see it: names resolve only through <see cref="Names"/> (never real DNS), "this
/// machine's" addresses are <see cref="LocalAddresses"/>, and the connector (and, for SSH.NET, which opens its own
/// socket, the SFTP client factory) records every connection the address policy lets through and opens it only to
/// loopback, so no test reaches another machine even when the policy is wrong.
/// </summary>
public sealed class TestNetwork : IHostNameResolver, IOutboundConnector, ILocalAddressSource, ISftpClientFactory
{
    public ConcurrentDictionary<string, IPAddress[]> Names { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["localhost"] = [IPAddress.Loopback],
    };

    public ConcurrentBag<IPAddress> LocalAddresses { get; } = [];

    /// <summary>Every address a connection was asked for, loopback or not.</summary>
    public ConcurrentQueue<IPAddress> Connections { get; } = new();

    public IEnumerable<IPAddress> NonLoopbackConnections => Connections.Where(a => !IPAddress.IsLoopback(a));

    public ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Names.TryGetValue(host, out var addresses)
            ? ValueTask.FromResult(addresses)
            : ValueTask.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));

    public async ValueTask<Stream> ConnectAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        foreach (var address in addresses)
        {
            Connections.Enqueue(address);
        }

        if (addresses.Any(a => !IPAddress.IsLoopback(a)))
        {
            throw new SocketException((int)SocketError.AccessDenied);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. addresses], port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public IReadOnlyCollection<IPAddress> GetAddresses() => [.. LocalAddresses];

    SftpClient ISftpClientFactory.Create(ConnectionInfo connection)
    {
        var address = IPAddress.Parse(connection.Host);
        Connections.Enqueue(address);
        return IPAddress.IsLoopback(address)
            ? new SftpClient(connection)
            : throw new SocketException((int)SocketError.AccessDenied);
    }

    /// <summary>Registers this network in a host's services (before AddExportJobs, whose defaults it replaces).</summary>
    public void AddTo(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<IHostNameResolver>(services, this);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<IOutboundConnector>(services, this);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<ILocalAddressSource>(services, this);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<ISftpClientFactory>(services, this);
    }
}
