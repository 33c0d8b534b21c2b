using System.Net.Sockets;
using ExportJobs.Network;
using Renci.SshNet.Common;

namespace ExportJobs.Destinations.Sftp;

/// <summary>Turns SFTP failures into messages a job's owner can act on (never containing a secret).</summary>
internal static class SftpErrorMessages
{
    public static string Describe(Exception exception, SftpDestinationSettings settings, SftpSession? session, string? remotePath = null)
    {
        var server = settings.Describe(string.Empty).TrimEnd('/');
        if (OutboundConnectionRefusedException.Find(exception) is { } refused)
        {
            return refused.Message;
        }

        if (session?.RejectedFingerprint is { } presented)
        {
            return $"The host key of {server} does not match 'hostKeyFingerprint': the server presented {presented}, the job expects SHA256:{settings.HostKeyFingerprint}. "
                + "If the server's key was changed on purpose, confirm the new fingerprint with its owner and update the job; otherwise someone may be intercepting the connection.";
        }

        if (session?.UnpinnedFingerprint is { } unpinned)
        {
            return $"The connection to {server} was refused: the job sets no 'hostKeyFingerprint', so the server's identity cannot be checked. "
                + $"The server presented {unpinned}; confirm it with the server's owner (or run 'ssh-keyscan <host> | ssh-keygen -lf -') and set it as 'hostKeyFingerprint'. "
                + "A host that accepts any key can opt in with SftpDestinationOptions.TrustAnyHostKey.";
        }

        return exception switch
        {
            SshAuthenticationException =>
                $"{server} rejected the login of user '{settings.Username}'. Check 'username' and 'password' or 'privateKey'/'passphrase'.",
            SocketException socket =>
                $"Could not connect to {server} ({socket.SocketErrorCode}). Check 'host' and 'port' and that the server is running.",
            SshOperationTimeoutException =>
                $"{server} did not answer in time. Check 'host' and 'port' and the server's load.",
            SftpPermissionDeniedException =>
                $"{server} denied writing {remotePath ?? "the file"}. Check that user '{settings.Username}' may create files in 'path'.",
            SftpPathNotFoundException =>
                $"{server} has no folder for {remotePath ?? "the file"}. Check 'path'.",
            SshConnectionException =>
                $"The connection to {server} failed or was dropped: {exception.Message}",
            _ => $"Uploading to {server} failed: {exception.Message}",
        };
    }

    /// <summary>
    /// Whether <paramref name="exception"/> means the connection itself failed (dropped, reset, timed out), so that the
    /// session must not be used again; SFTP status errors (permission denied, no such file) leave it usable. A
    /// cancelled operation counts too: SSH.NET may be mid-request on that connection.
    /// </summary>
    public static bool IsConnectionFailure(Exception? exception) =>
        exception is SshConnectionException or SocketException or IOException or TimeoutException or ObjectDisposedException or OperationCanceledException;

    public static bool IsSftpFailure(Exception exception) =>
        exception is SshException or SocketException or IOException or TimeoutException;
}
