using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.AzureBlob;

/// <summary>A blob whose blocks are staged but whose block list is not committed yet.</summary>
internal sealed class AzureBlobStagedFile(AzureBlobStaging staging, AzureBlobUpload upload, AzureBlobBlocks blocks, ExportDelivery delivery, string location)
    : ExportStagedFile(delivery, location)
{
    public override async Task PublishAsync(CancellationToken cancellationToken)
    {
        try
        {
            await upload.CommitAsync(blocks, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw staging.Describe(ex, upload.Blob, cancellationToken);
        }
    }

    /// <summary>Uncommitted blocks cannot be deleted on their own; they stay invisible and the service drops them after a week.</summary>
    public override Task DiscardAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
