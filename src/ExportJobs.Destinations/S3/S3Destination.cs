using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;
using ExportJobs.Validation;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Destinations.S3;

/// <summary>Delivers export files to Amazon S3 or an S3-compatible store (<c>"destinationType": "s3"</c>).</summary>
/// <remarks>
/// Files up to one part go up with a single PutObject; larger ones as a multipart upload of <c>partSizeMb</c> parts read
/// straight from the spool file, so memory stays at about one part. A failed or cancelled multipart upload is aborted,
/// so no partial object is left; S3 only shows an object once PutObject or CompleteMultipartUpload succeeded.
/// </remarks>
internal sealed partial class S3Destination(ILogger<S3Destination> logger) : IExportDestination
{
    public const string TypeName = "s3";

    public IReadOnlyCollection<string> SecretSettings => S3DestinationSettingsValidator.Secrets;

    public IReadOnlyCollection<string> EndpointSettings { get; } = ["serviceUrl"];

    public void Validate(JsonObject config, ValidationErrors errors) => S3DestinationSettingsValidator.Read(config, errors);

    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = ReadOrThrow(delivery.Config);
        var key = ObjectPath.Join(settings.Path, delivery.FileName);
        using var client = S3ClientFactory.Create(settings);
        try
        {
            var partSize = settings.PartSizeMb * 1024L * 1024L;
            if (delivery.Length <= partSize)
            {
                await PutAsync(client, settings, key, delivery, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await MultipartAsync(client, settings, key, delivery, partSize, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (S3ErrorMessages.IsS3Failure(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new ExportDeliveryException(S3ErrorMessages.Describe(ex, settings), ex);
        }

        LogDelivered(delivery.RunId, settings.Describe(key), delivery.Length);
        return new DeliveryResult(settings.Describe(key));
    }

    public Task<DestinationTestResult> TestConnectionAsync(JsonObject config, CancellationToken cancellationToken) =>
        S3ConnectionTest.RunAsync(ReadOrThrow(config), cancellationToken);

    private static S3DestinationSettings ReadOrThrow(JsonObject config) =>
        JsonSettings.ReadOrThrow(TypeName, errors => S3DestinationSettingsValidator.Read(config, errors));

    private static async Task PutAsync(AmazonS3Client client, S3DestinationSettings settings, string key, ExportDelivery delivery, CancellationToken cancellationToken)
    {
        await using var body = delivery.OpenRead();
        var request = new PutObjectRequest
        {
            BucketName = settings.Bucket,
            Key = key,
            InputStream = body,
            AutoCloseStream = false,
            ContentType = delivery.ContentType,
            UseChunkEncoding = settings.UseChunkEncoding,
        };
        Describe(request.Headers, request.Metadata, delivery);
        // A single PUT publishes as it completes (a cancelled PUT leaves no object): check ownership before it starts.
        await delivery.BeforePublishAsync(cancellationToken).ConfigureAwait(false);
        await client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task MultipartAsync(AmazonS3Client client, S3DestinationSettings settings, string key, ExportDelivery delivery, long partSize, CancellationToken cancellationToken)
    {
        var start = new InitiateMultipartUploadRequest { BucketName = settings.Bucket, Key = key, ContentType = delivery.ContentType };
        Describe(start.Headers, start.Metadata, delivery);
        var uploadId = (await client.InitiateMultipartUploadAsync(start, cancellationToken).ConfigureAwait(false)).UploadId;
        try
        {
            var parts = new List<UploadPartResponse>();
            var partCount = (int)((delivery.Length + partSize - 1) / partSize);
            for (var part = 1; part <= partCount; part++)
            {
                var offset = (part - 1) * partSize;
                await using var slice = new StreamSlice(delivery.OpenRead(), offset, Math.Min(partSize, delivery.Length - offset));
                parts.Add(await client.UploadPartAsync(
                    new UploadPartRequest
                    {
                        BucketName = settings.Bucket,
                        Key = key,
                        UploadId = uploadId,
                        PartNumber = part,
                        InputStream = slice,
                        PartSize = slice.Length,
                        IsLastPart = part == partCount,
                        UseChunkEncoding = settings.UseChunkEncoding,
                    },
                    cancellationToken).ConfigureAwait(false));
            }

            var complete = new CompleteMultipartUploadRequest { BucketName = settings.Bucket, Key = key, UploadId = uploadId };
            complete.AddPartETagsAndChecksums(parts);
            await delivery.BeforePublishAsync(cancellationToken).ConfigureAwait(false);
            await client.CompleteMultipartUploadAsync(complete, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await AbortAsync(client, settings, key, uploadId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task AbortAsync(AmazonS3Client client, S3DestinationSettings settings, string key, string uploadId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = settings.Bucket, Key = key, UploadId = uploadId }, timeout.Token).ConfigureAwait(false);
            LogAborted(settings.Describe(key));
        }
        catch (Exception ex) when (S3ErrorMessages.IsS3Failure(ex) || ex is OperationCanceledException)
        {
            LogAbortFailed(settings.Describe(key), S3ErrorMessages.Describe(ex, settings));
        }
    }

    private static void Describe(HeadersCollection headers, MetadataCollection metadata, ExportDelivery delivery)
    {
        if (delivery.ContentEncoding is not null)
        {
            headers.ContentEncoding = delivery.ContentEncoding;
        }

        metadata["sha256"] = delivery.Sha256;
        metadata["run-id"] = delivery.RunId;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: delivered {Length} bytes to {DestinationPath}.")]
    private partial void LogDelivered(string runId, string destinationPath, long length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aborted the failed multipart upload to {DestinationPath}; no partial object is left.")]
    private partial void LogAborted(string destinationPath);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not abort the failed multipart upload to {DestinationPath} ({Reason}); a lifecycle rule for incomplete multipart uploads will remove its parts.")]
    private partial void LogAbortFailed(string destinationPath, string reason);
}
