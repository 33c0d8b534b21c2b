using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.Sftp;

/// <summary>A file uploaded to its hidden temporary name, not renamed to its final name yet.</summary>
internal sealed class SftpStagedFile(SftpStaging staging, ExportDelivery delivery, string target, string temp)
    : ExportStagedFile(delivery, staging.Settings.Describe(target))
{
    private bool _done;

    public override async Task PublishAsync(CancellationToken cancellationToken)
    {
        // Renamed, or (when the rename failed) deleted by RenameAsync: either way there is nothing left to discard.
        _done = true;
        await staging.Destination.RenameAsync(staging.Session, staging.Settings, temp, target, cancellationToken).ConfigureAwait(false);
    }

    public override Task DiscardAsync(CancellationToken cancellationToken) =>
        _done ? Task.CompletedTask : staging.Destination.DeleteTemporaryAsync(staging.Session, staging.Settings, temp);
}
