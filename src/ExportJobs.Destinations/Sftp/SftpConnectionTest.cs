using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.Sftp;

/// <summary>Connects (host key and login), then writes and deletes a small probe file in the target folder.</summary>
internal static class SftpConnectionTest
{
    public static async Task<DestinationTestResult> RunAsync(SftpDestinationSettings settings, SftpDestinationOptions options, CancellationToken cancellationToken)
    {
        var checks = new List<DestinationCheck>();
        using var session = new SftpSession(settings, options);
        try
        {
            await session.ConnectAsync(cancellationToken).ConfigureAwait(false);
            checks.Add(DestinationCheck.Passed("login", $"Connected to {settings.Describe(string.Empty)}; host key and login accepted."));
        }
        catch (Exception ex) when (SftpErrorMessages.IsSftpFailure(ex))
        {
            checks.Add(DestinationCheck.Failed("login", SftpErrorMessages.Describe(ex, settings, session)));
            return new DestinationTestResult(checks);
        }

        var probe = session.Absolute(ObjectPath.Join(settings.Path, $".exportjobs-connection-test-{Guid.NewGuid():N}"));
        try
        {
            await SftpFolders.EnsureAsync(session.Client, probe[..probe.LastIndexOf('/')], cancellationToken).ConfigureAwait(false);
            using (var body = new MemoryStream("ExportJobs connection test"u8.ToArray()))
            {
                await session.Client.UploadFileAsync(body, probe, cancellationToken).ConfigureAwait(false);
            }

            await session.Client.DeleteFileAsync(probe, cancellationToken).ConfigureAwait(false);
            checks.Add(DestinationCheck.Passed("write", $"Wrote and deleted a probe file in {settings.Describe(probe[..probe.LastIndexOf('/')])}."));
        }
        catch (Exception ex) when (SftpErrorMessages.IsSftpFailure(ex))
        {
            checks.Add(DestinationCheck.Failed("write", SftpErrorMessages.Describe(ex, settings, session, probe)));
        }

        return new DestinationTestResult(checks);
    }
}
