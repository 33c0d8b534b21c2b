using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.Sftp;

/// <summary>A file uploaded to its hidden temporary name, not renamed to its final name yet.</summary>
internal sealed class SftpStagedFile(SftpStaging staging, ExportDelivery delivery, string target, string temp)
    : ExportStagedFile(delivery, staging.Settings.Describe(target))
{
    private bool _renamed;

    public override async Task PublishAsync(CancellationToken cancellationToken)
    {
        await staging.Destination.RenameAsync(staging.Session, staging.Settings, temp, target, cancellationToken).ConfigureAwait(false);
        _renamed = true;
    }

    public override Task DiscardAsync(CancellationToken cancellationToken) =>
        _renamed ? Task.CompletedTask : staging.Destination.DeleteTemporaryAsync(staging.Session, staging.Settings, temp);
}
