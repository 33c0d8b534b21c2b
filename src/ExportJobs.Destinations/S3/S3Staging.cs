using Amazon.S3;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Destinations.S3;

/// <summary>
/// A run's staged publish to S3: every file is a multipart upload whose parts are uploaded (and checked) while staging,
/// completed only at publish and aborted on discard. S3 shows no object before CompleteMultipartUpload.
/// </summary>
/// <remarks>An empty file has no part to upload: it is put with a single PutObject at publish.</remarks>
internal sealed class S3Staging(S3Lease lease, S3DestinationSettings settings, ILogger logger) : ExportStaging
{
    public override async Task<ExportStagedFile> StageAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var key = ObjectPath.Join(settings.Path, delivery.FileName);
        var upload = new S3Upload(lease.Client, settings, key, UploadSource.Of(delivery));
        if (delivery.Length == 0)
        {
            return new S3StagedFile(this, upload, delivery, settings.Describe(key), uploadId: null, parts: []);
        }

        string? uploadId = null;
        try
        {
            uploadId = await upload.InitiateAsync(cancellationToken).ConfigureAwait(false);
            var parts = await upload.UploadPartsAsync(uploadId, settings.PartSizeMb * 1024L * 1024L, cancellationToken).ConfigureAwait(false);
            return new S3StagedFile(this, upload, delivery, settings.Describe(key), uploadId, parts);
        }
        catch (Exception ex)
        {
            if (uploadId is not null)
            {
                await upload.AbortAsync(uploadId, logger, CancellationToken.None).ConfigureAwait(false);
            }

            throw Describe(ex, cancellationToken);
        }
    }

    /// <summary>The exception to throw for <paramref name="ex"/>: an S3 failure as a message the job's owner can act on.</summary>
    internal Exception Describe(Exception ex, CancellationToken cancellationToken) =>
        S3ErrorMessages.IsS3Failure(ex) && !cancellationToken.IsCancellationRequested
            ? new ExportDeliveryException(S3ErrorMessages.Describe(ex, settings), ex)
            : ex;

    internal ILogger Logger => logger;

    protected override async ValueTask DisposeAsyncCore()
    {
        lease.Dispose();
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }
}
