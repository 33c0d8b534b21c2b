using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.AzureBlob;

/// <summary>
/// A run's staged publish to Azure Blob Storage: every file's blocks are staged (and checked) while staging, its block
/// list is committed only at publish. Uncommitted blocks are invisible to readers (the blob does not exist, or shows its
/// previous version) and the service discards them after a week, so discarding leaves them to it.
/// </summary>
internal sealed class AzureBlobStaging(ClientCache<AzureBlobServiceClient>.Lease lease, AzureBlobDestinationSettings settings) : ExportStaging
{
    private readonly BlobContainerClient _container = lease.Client.Container(settings);

    public override async Task<ExportStagedFile> StageAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var blob = _container.GetBlockBlobClient(ObjectPath.Join(settings.Path, delivery.FileName));
        var location = blob.Uri.GetLeftPart(UriPartial.Path);
        var upload = new AzureBlobUpload(blob, settings, UploadSource.Of(delivery), location);
        try
        {
            var blocks = await upload.StageBlocksAsync(cancellationToken).ConfigureAwait(false);
            return new AzureBlobStagedFile(this, upload, blocks, delivery, location);
        }
        catch (Exception ex)
        {
            throw Describe(ex, blob, cancellationToken);
        }
    }

    internal Exception Describe(Exception ex, BlockBlobClient blob, CancellationToken cancellationToken) =>
        AzureBlobErrorMessages.IsAzureFailure(ex) && !cancellationToken.IsCancellationRequested
            ? new ExportDeliveryException(AzureBlobErrorMessages.Describe(ex, settings, blob.Uri), ex)
            : ex;

    protected override async ValueTask DisposeAsyncCore()
    {
        lease.Dispose();
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }
}
