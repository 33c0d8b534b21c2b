using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.Sftp;

/// <summary>
/// A run's staged publish over SFTP, on one connection for the whole run: every file is uploaded to its hidden
/// temporary name (and its stored size checked) while staging, renamed to its final name at publish, and its temporary
/// file deleted on discard.
/// </summary>
internal sealed class SftpStaging(SftpDestination destination, SftpDestinationSettings settings, SftpSession session) : ExportStaging
{
    public SftpSession Session => session;

    public SftpDestinationSettings Settings => settings;

    public SftpDestination Destination => destination;

    public override async Task<ExportStagedFile> StageAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var (target, temp) = await destination.UploadTemporaryAsync(session, settings, delivery, cancellationToken).ConfigureAwait(false);
        return new SftpStagedFile(this, delivery, target, temp);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        session.Dispose();
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }
}
