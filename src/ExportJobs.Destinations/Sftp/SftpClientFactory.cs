using Renci.SshNet;

namespace ExportJobs.Destinations.Sftp;

/// <summary>The default <see cref="ISftpClientFactory"/>: SSH.NET's own client, which connects straight to the checked address.</summary>
internal sealed class SftpClientFactory : ISftpClientFactory
{
    public SftpClient Create(ConnectionInfo connection) => new(connection);
}
