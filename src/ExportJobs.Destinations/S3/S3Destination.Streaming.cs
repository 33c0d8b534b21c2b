using System.Text.Json.Nodes;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Destinations.S3;

/// <summary>Streaming delivery (destination contract v2): parts go up while the export file is written.</summary>
internal sealed partial class S3Destination
{
    /// <summary>Told each part's number once the store acknowledged it (a test seam: parts stored before the file is finished).</summary>
    internal Action<int>? PartStored { get; set; }

    /// <summary>S3's limit on the parts of one upload (a test seam: a smaller one).</summary>
    internal UploadLimit PartLimit { get; set; } = UploadLimit.S3Parts;

    /// <summary>Every s3 job streams: a file of one part or less still goes up with one PutObject once finished.</summary>
    public bool SupportsStreaming(JsonObject config) => true;

    /// <summary>
    /// Delivers the file while it is written. Once more than one part (<c>partSizeMb</c>) is written, a multipart upload
    /// is opened and part <c>i</c> is uploaded as soon as <c>(i + 1) * partSize</c> bytes are written, with at most
    /// <c>maxConcurrency</c> parts in flight, each read from its own window of the spool file (nothing buffered but the
    /// SDK's request buffers) and checked as in <see cref="DeliverAsync"/>. Once the file is finished the parts must add
    /// up to its length and SHA-256, the ownership check passes, the upload is completed and the stored length read
    /// back. A file that ends within one part is put with one PutObject once finished. Any failure (the export failed,
    /// the connection dropped, cancel, a part refused) cancels the parts in flight and aborts the upload: no object.
    /// </summary>
    public async Task<DeliveryResult> DeliverStreamingAsync(ExportStreamingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = ReadOrThrow(delivery.Config);
        var key = ObjectPath.Join(settings.Path, delivery.FileName);
        var partSize = settings.PartSizeMb * 1024L * 1024L;
        using var lease = Rent(delivery.Job.Id, settings);
        var source = UploadSource.Of(delivery);
        var upload = new S3Upload(lease.Client, settings, key, source) { PartStored = PartStored, Limit = PartLimit };
        try
        {
            var written = await delivery.WaitForLengthAsync(partSize + 1, cancellationToken).ConfigureAwait(false);
            if (written <= partSize)
            {
                // Finished within one part: one request, as for a whole file.
                source.Finish(await delivery.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false));
                await upload.PutAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await MultipartAsync(upload, (uploadId, token) => upload.UploadGrowingPartsAsync(uploadId, partSize, delivery, token), cancellationToken).ConfigureAwait(false);
            }

            await upload.VerifyStoredLengthAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ExportStreamAbortedException && StreamFailure.Find(ex) is { } aborted)
        {
            // The export failed under a part in flight and the SDK wrapped it: the run reports the export's failure.
            throw aborted;
        }
        catch (Exception ex) when (S3ErrorMessages.IsS3Failure(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new ExportDeliveryException(S3ErrorMessages.Describe(ex, settings), ex);
        }

        LogStreamed(delivery.RunId, settings.Describe(key), source.Length);
        return new DeliveryResult(settings.Describe(key));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: streamed {Length} bytes to {DestinationPath} while the file was written.")]
    private partial void LogStreamed(string runId, string destinationPath, long length);
}
