using Amazon.S3.Model;
using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.S3;

/// <summary>A file staged as a multipart upload not completed yet (or, when empty, nothing uploaded yet).</summary>
internal sealed class S3StagedFile(S3Staging staging, S3Upload upload, ExportDelivery delivery, string destinationPath, string? uploadId, List<PartETag> parts)
    : ExportStagedFile(delivery, destinationPath)
{
    private bool _open = uploadId is not null;

    public override async Task PublishAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (uploadId is null)
            {
                await upload.PutAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await upload.CompleteAsync(uploadId, parts, cancellationToken).ConfigureAwait(false);
                _open = false;
            }

            await upload.VerifyStoredLengthAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw staging.Describe(ex, cancellationToken);
        }
    }

    public override async Task DiscardAsync(CancellationToken cancellationToken)
    {
        if (_open && uploadId is not null)
        {
            _open = false;
            await upload.AbortAsync(uploadId, staging.Logger, cancellationToken).ConfigureAwait(false);
        }
    }
}
