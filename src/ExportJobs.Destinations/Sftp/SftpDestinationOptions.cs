namespace ExportJobs.Destinations.Sftp;

/// <summary>Host-wide options of the <c>sftp</c> destination (<c>AddSftpDestination(o => ...)</c>).</summary>
public sealed class SftpDestinationOptions
{
    /// <summary>
    /// Whether jobs without <c>hostKeyFingerprint</c> may connect to a server whatever host key it presents. Default false.
    /// </summary>
    /// <remarks>
    /// Trusting any key lets whoever can intercept the connection receive the export and the password. Turn it on only for
    /// servers on a network you control; jobs that set a fingerprint are always checked against it.
    /// </remarks>
    public bool TrustAnyHostKey { get; set; }

    /// <summary>How long connecting and each SFTP operation may take. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
