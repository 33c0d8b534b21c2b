using Renci.SshNet;

namespace ExportJobs.Destinations.Sftp;

/// <summary>
/// Creates the SSH.NET client for a connection to an address the <see cref="ExportJobs.Network.OutboundAddressPolicy"/>
/// has checked. SSH.NET opens its socket itself and has no public socket seam, so this is where a host (and the tests)
/// see, and can refuse, every SFTP connection before it is made.
/// </summary>
internal interface ISftpClientFactory
{
    /// <summary>Creates an unconnected client for <paramref name="connection"/> (its <c>Host</c> is the checked IP address).</summary>
    /// <param name="connection">The address, port, user and authentication methods.</param>
    SftpClient Create(ConnectionInfo connection);
}
