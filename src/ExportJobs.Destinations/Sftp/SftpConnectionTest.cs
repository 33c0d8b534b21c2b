using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;
using ExportJobs.Network;

namespace ExportJobs.Destinations.Sftp;

/// <summary>Connects (host key and login), then writes a small probe file in the target folder, reads it back and deletes it.</summary>
internal static class SftpConnectionTest
{
    private static readonly byte[] Probe = "ExportJobs connection test: written, read back and deleted."u8.ToArray();

    public static async Task<DestinationTestResult> RunAsync(SftpDestinationSettings settings, SftpDestinationOptions options, OutboundAddressPolicy network, ISftpClientFactory clients, CancellationToken cancellationToken)
    {
        var checks = new List<DestinationCheck>();
        using var session = new SftpSession(settings, options, network, clients);
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
            var folder = settings.Describe(probe[..probe.LastIndexOf('/')]);
            await SftpFolders.EnsureAsync(session.Client, probe[..probe.LastIndexOf('/')], cancellationToken).ConfigureAwait(false);
            using var readBack = new MemoryStream();
            try
            {
                using (var body = new MemoryStream(Probe))
                {
                    await session.Client.UploadFileAsync(body, probe, cancellationToken).ConfigureAwait(false);
                }

                await session.Client.DownloadFileAsync(probe, readBack, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await session.Client.DeleteFileAsync(probe, cancellationToken).ConfigureAwait(false);
            }

            checks.Add(readBack.ToArray().AsSpan().SequenceEqual(Probe)
                ? DestinationCheck.Passed("write", $"Wrote a probe file in {folder}, read it back unchanged and deleted it.")
                : DestinationCheck.Failed("write", $"Wrote a probe file in {folder} but read back {readBack.Length} bytes that differ from the {Probe.Length} written (deleted again)."));
        }
        catch (Exception ex) when (SftpErrorMessages.IsSftpFailure(ex))
        {
            checks.Add(DestinationCheck.Failed("write", SftpErrorMessages.Describe(ex, settings, session, probe)));
        }

        return new DestinationTestResult(checks);
    }
}
