using System.Net;

namespace ExportJobs.Network;

/// <summary>This machine's own interface addresses, which <see cref="OutboundAddressPolicy"/> refuses unless allowed.</summary>
public interface ILocalAddressSource
{
    /// <summary>The unicast addresses of this machine's network interfaces, read now.</summary>
    IReadOnlyCollection<IPAddress> GetAddresses();
}
