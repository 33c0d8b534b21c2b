using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Specialized;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Destinations.AzureBlob;

/// <summary>Streaming delivery (destination contract v2): blocks are staged while the export file is written.</summary>
internal sealed partial class AzureBlobDestination
{
    /// <summary>Azure's limit on the blocks of one blob (a test seam: a smaller one).</summary>
    internal UploadLimit BlockLimit { get; set; } = UploadLimit.AzureBlocks;

    /// <summary>Every azure-blob job streams.</summary>
    public bool SupportsStreaming(JsonObject config) => true;

    /// <summary>
    /// Delivers the file while it is written: block <c>i</c> (<c>blockSizeMb</c>) is staged as soon as it is written, with
    /// at most <c>maxConcurrency</c> in flight, each read from its own window of the spool file and checked as in
    /// <see cref="DeliverAsync"/>. Once the file is finished the blocks must add up to its length and SHA-256, the
    /// ownership check passes, and the block list is committed (with the file's MD5 and <c>sha256</c> metadata) and its
    /// length read back. Any failure (the export failed, the connection dropped, cancel, a block refused) cancels the
    /// blocks in flight and commits nothing: readers see no blob, or the previous version.
    /// </summary>
    public async Task<DeliveryResult> DeliverStreamingAsync(ExportStreamingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = ReadOrThrow(delivery.Config);
        using var lease = Rent(delivery.Job.Id, settings);
        var blob = lease.Client.Container(settings).GetBlockBlobClient(ObjectPath.Join(settings.Path, delivery.FileName));
        var location = blob.Uri.GetLeftPart(UriPartial.Path);
        var source = UploadSource.Of(delivery);
        var upload = new AzureBlobUpload(blob, settings, source, location) { Limit = BlockLimit };
        try
        {
            var blocks = await upload.StageGrowingBlocksAsync(delivery, cancellationToken).ConfigureAwait(false);
            await delivery.BeforePublishAsync(cancellationToken).ConfigureAwait(false);
            await upload.CommitAsync(blocks, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ExportStreamAbortedException && StreamFailure.Find(ex) is { } aborted)
        {
            // The export failed under a block in flight and the SDK wrapped it: the run reports the export's failure.
            throw aborted;
        }
        catch (Exception ex) when (AzureBlobErrorMessages.IsAzureFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new ExportDeliveryException(AzureBlobErrorMessages.Describe(ex, settings, blob.Uri), ex);
        }

        LogStreamed(delivery.RunId, location, source.Length);
        return new DeliveryResult(location);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: streamed {Length} bytes to {DestinationPath} while the file was written.")]
    private partial void LogStreamed(string runId, string destinationPath, long length);
}
