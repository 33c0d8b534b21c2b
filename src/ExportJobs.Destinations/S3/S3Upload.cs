using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Destinations.S3;

/// <summary>One delivery's upload to S3, with every check of what the store received.</summary>
internal sealed partial class S3Upload(AmazonS3Client client, S3DestinationSettings settings, string key, UploadSource delivery)
{
    /// <summary>S3's limit on the parts of one multipart upload (a test seam makes it smaller).</summary>
    public UploadLimit Limit { get; init; } = UploadLimit.S3Parts;

    public UploadSource Delivery => delivery;

    /// <summary>Told each part's number once the store acknowledged it and its ETag was checked (a test seam).</summary>
    public Action<int>? PartStored { get; init; }

    /// <summary>Puts the whole (finished) file with one PutObject; the file is read once to hash it, once to send it.</summary>
    public async Task PutAsync(CancellationToken cancellationToken)
    {
        await using var body = delivery.OpenWindow(0, delivery.Length);
        var digest = await ContentDigest.ComputeAsync(body, cancellationToken).ConfigureAwait(false);
        CheckWhole(digest.Length, Convert.ToHexStringLower(digest.Sha256));
        var request = new PutObjectRequest
        {
            BucketName = settings.Bucket,
            Key = key,
            InputStream = body,
            AutoCloseStream = false,
            ContentType = delivery.ContentType,
            UseChunkEncoding = settings.UseChunkEncoding,
            DisablePayloadSigning = settings.UnsignedPayload,
            MD5Digest = digest.Md5Base64,
            ChecksumSHA256 = digest.Sha256Base64,
        };
        Describe(request.Headers, request.Metadata);

        // A single PUT publishes as it completes (a cancelled PUT leaves no object): check ownership before it starts.
        await delivery.BeforePublishAsync(cancellationToken).ConfigureAwait(false);
        var response = await client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (HasMd5ETag(response.ServerSideEncryptionMethod, response.ServerSideEncryptionCustomerMethod) && ContentDigest.ETagMatches(response.ETag, digest.Md5Hex) == false)
        {
            await RemoveAsync().ConfigureAwait(false);
            throw Changed($"the store computed MD5 {response.ETag.Trim('"')} for it where the file's is {digest.Md5Hex}");
        }
    }

    public async Task<string> InitiateAsync(CancellationToken cancellationToken)
    {
        if (delivery.IsFinished)
        {
            // A whole file's size is known: one S3 cannot take is refused before anything is sent (a streamed file is
            // checked as it grows, in UploadGrowingPartsAsync).
            EnsureFits(delivery.Length, finished: true);
        }

        var start = new InitiateMultipartUploadRequest { BucketName = settings.Bucket, Key = key, ContentType = delivery.ContentType, ChecksumAlgorithm = ChecksumAlgorithm.SHA256 };
        Describe(start.Headers, start.Metadata);
        return (await client.InitiateMultipartUploadAsync(start, cancellationToken).ConfigureAwait(false)).UploadId;
    }

    /// <summary>
    /// Uploads every part, <c>maxConcurrency</c> in flight, checking each part's ETag; returns the parts in order for
    /// <see cref="CompleteAsync"/>. Throws on a changed part or any failure (after every part in flight finished).
    /// </summary>
    public async Task<List<PartETag>> UploadPartsAsync(string uploadId, long partSize, CancellationToken cancellationToken)
    {
        var partCount = (int)((delivery.Length + partSize - 1) / partSize);
        var parts = new PartETag[partCount];
        await InFlight.ForEachAsync(
            partCount,
            settings.MaxConcurrency,
            async (index, token) =>
            {
                var part = index + 1;
                var offset = index * partSize;
                var (slice, digest) = await delivery.OpenHashedAsync(offset, Math.Min(partSize, delivery.Length - offset), token).ConfigureAwait(false);

                return async token =>
                {
                    await using (slice.ConfigureAwait(false))
                    {
                        parts[index] = await UploadPartAsync(uploadId, part, part == partCount, slice, digest, token).ConfigureAwait(false);
                    }
                };
            },
            cancellationToken).ConfigureAwait(false);
        return [.. parts];
    }

    /// <summary>
    /// Uploads the parts of a file while it is written: part <c>i</c> starts once <c>(i + 1) * partSize</c> bytes are
    /// written (or the file is finished), with at most <c>maxConcurrency</c> parts in flight, each read from its own
    /// window of the growing spool file and hashed as it is prepared (parts in order, so the whole file's SHA-256 comes
    /// along). Returns once the file is finished and every part stored, after checking that the parts add up to exactly
    /// the finished file (its length and SHA-256, which <see cref="UploadSource.Finish"/> then records).
    /// </summary>
    public async Task<List<PartETag>> UploadGrowingPartsAsync(string uploadId, long partSize, ExportStreamingDelivery growing, CancellationToken cancellationToken)
    {
        var parts = new List<PartETag>();
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long hashed = 0;
        await InFlight.ForEachAsync(
            settings.MaxConcurrency,
            async (index, token) =>
            {
                var offset = index * partSize;
                var written = await growing.WaitForLengthAsync(offset + partSize, token).ConfigureAwait(false);
                var length = Math.Min(partSize, written - offset);
                if (length <= 0)
                {
                    return null;
                }

                EnsureFits(written, growing.IsComplete);

                var part = index + 1;
                var (window, digest) = await delivery.OpenHashedAsync(offset, length, token, whole).ConfigureAwait(false);

                hashed += length;
                return async token =>
                {
                    await using (window.ConfigureAwait(false))
                    {
                        var stored = await UploadPartAsync(uploadId, part, length < partSize, window, digest, token).ConfigureAwait(false);
                        lock (parts)
                        {
                            parts.Add(stored);
                        }
                    }
                };
            },
            cancellationToken).ConfigureAwait(false);

        var summary = await growing.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        delivery.Finish(summary);
        CheckWhole(hashed, Convert.ToHexStringLower(whole.GetHashAndReset()));
        return [.. parts.OrderBy(p => p.PartNumber)];
    }

    private async Task<PartETag> UploadPartAsync(string uploadId, int part, bool isLast, Stream slice, ContentDigest digest, CancellationToken cancellationToken)
    {
        var response = await client.UploadPartAsync(
            new UploadPartRequest
            {
                BucketName = settings.Bucket,
                Key = key,
                UploadId = uploadId,
                PartNumber = part,
                InputStream = slice,
                PartSize = slice.Length,
                IsLastPart = isLast,
                UseChunkEncoding = settings.UseChunkEncoding,
                DisablePayloadSigning = settings.UnsignedPayload,
                MD5Digest = digest.Md5Base64,
                ChecksumSHA256 = digest.Sha256Base64,
            },
            cancellationToken).ConfigureAwait(false);
        if (HasMd5ETag(response.ServerSideEncryptionMethod, null) && ContentDigest.ETagMatches(response.ETag, digest.Md5Hex) == false)
        {
            throw Changed($"the store computed MD5 {response.ETag.Trim('"')} for part {part} where the file's is {digest.Md5Hex}; the upload was aborted", removed: false);
        }

        PartStored?.Invoke(part);
        return new PartETag(part, response.ETag) { ChecksumSHA256 = digest.Sha256Base64 };
    }

    /// <summary>Completes the upload: the object becomes visible (the caller has passed the publish check).</summary>
    public async Task CompleteAsync(string uploadId, List<PartETag> parts, CancellationToken cancellationToken)
    {
        var complete = new CompleteMultipartUploadRequest { BucketName = settings.Bucket, Key = key, UploadId = uploadId };
        complete.AddPartETags(parts);
        await client.CompleteMultipartUploadAsync(complete, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the stored object's length back (HeadObject); a different length removes the object and fails. Runs after
    /// the object became visible, so when the check itself fails (the connection drops, the token is cancelled) the
    /// object is removed too, best effort, before the failure is thrown: a failed run leaves nothing behind.
    /// </summary>
    public async Task VerifyStoredLengthAsync(CancellationToken cancellationToken)
    {
        GetObjectMetadataResponse stored;
        try
        {
            stored = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = settings.Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var removed = await TryRemoveAsync().ConfigureAwait(false);
            if (!S3ErrorMessages.IsS3Failure(ex))
            {
                throw;
            }

            throw new ExportDeliveryException($"{settings.Describe(key)} was published, but reading back what the store holds failed: {S3ErrorMessages.Describe(ex, settings)} {removed}", ex);
        }

        if (stored.ContentLength != delivery.Length)
        {
            await RemoveAsync().ConfigureAwait(false);
            throw Changed($"the store holds {stored.ContentLength} bytes where {delivery.Length} were sent");
        }
    }

    /// <summary>Aborts the multipart upload, best effort (logged), within <paramref name="cancellationToken"/> and at most 30 seconds.</summary>
    /// <param name="uploadId">The upload.</param>
    /// <param name="logger">Where the outcome goes.</param>
    /// <param name="cancellationToken">The caller's budget for the clean-up (the library's for discarding staged files); none when the delivery's own token is the one that was cancelled.</param>
    public async Task AbortAsync(string uploadId, ILogger logger, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            timeout.Token.ThrowIfCancellationRequested();
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = settings.Bucket, Key = key, UploadId = uploadId }, timeout.Token).ConfigureAwait(false);
            LogAborted(logger, settings.Describe(key));
        }
        catch (Exception ex) when (S3ErrorMessages.IsS3Failure(ex) || ex is OperationCanceledException)
        {
            LogAbortFailed(logger, settings.Describe(key), ex is OperationCanceledException ? "the clean-up's time ran out" : S3ErrorMessages.Describe(ex, settings));
        }
    }

    /// <summary>Refuses a file of <paramref name="length"/> bytes that needs more parts of <c>partSizeMb</c> than S3 allows.</summary>
    private void EnsureFits(long length, bool finished) => Limit.EnsureFits(settings.Describe(key), length, settings.PartSizeMb, finished);

    /// <summary>SSE-KMS and SSE-C objects have ETags that are not the MD5 of their content.</summary>
    private static bool HasMd5ETag(ServerSideEncryptionMethod? method, ServerSideEncryptionCustomerMethod? customerMethod) =>
        (method is null || method == ServerSideEncryptionMethod.None || method == ServerSideEncryptionMethod.AES256)
        && (customerMethod is null || customerMethod == ServerSideEncryptionCustomerMethod.None);

    private async Task RemoveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = settings.Bucket, Key = key }, timeout.Token).ConfigureAwait(false);
    }

    /// <summary>Removes the published object, best effort; says what happened, for the run's error.</summary>
    private async Task<string> TryRemoveAsync()
    {
        try
        {
            await RemoveAsync().ConfigureAwait(false);
            return "The object was removed.";
        }
        catch (Exception ex) when (S3ErrorMessages.IsS3Failure(ex) || ex is OperationCanceledException)
        {
            return $"It could not be removed ({(ex is OperationCanceledException ? "timed out" : S3ErrorMessages.Describe(ex, settings))}): delete it, or run the job again to replace it.";
        }
    }

    private ExportDeliveryException Changed(string what, bool removed = true)
    {
        var hint = settings.UseChunkEncoding && settings.ServiceUrl is not null
            ? " This S3-compatible store may keep the aws-chunked framing inside objects: set 'useChunkEncoding' to false."
            : " Retry the run; if it happens again, check proxies between this host and the store.";
        return new ExportDeliveryException($"{settings.Describe(key)} arrived changed: {what}.{(removed ? " The object was removed." : string.Empty)}{hint}");
    }

    private void Describe(HeadersCollection headers, MetadataCollection metadata)
    {
        if (delivery.ContentEncoding is not null)
        {
            headers.ContentEncoding = delivery.ContentEncoding;
        }

        // A streamed multipart upload starts before the file's SHA-256 is known: its object carries no sha256 metadata
        // (S3 keeps the composite x-amz-checksum-sha256 of its parts instead).
        if (delivery.Sha256 is not null)
        {
            metadata["sha256"] = delivery.Sha256;
        }

        metadata["run-id"] = delivery.RunId;
    }

    /// <summary>
    /// What was read and sent must be exactly the file the run records (<c>fileSize</c>, <c>checksum</c>): a spool file
    /// that changed under the upload fails the delivery before anything is published.
    /// </summary>
    private void CheckWhole(long length, string sha256)
    {
        if (length != delivery.Length || (delivery.Sha256 is not null && !string.Equals(sha256, delivery.Sha256, StringComparison.Ordinal)))
        {
            throw new ExportDeliveryException(
                $"{settings.Describe(key)}: the bytes read for the upload ({length} bytes, SHA-256 {sha256}) are not the export file ({delivery.Length} bytes, SHA-256 {delivery.Sha256}); nothing was published. Retry the run; if it happens again, check that nothing else writes to the spool directory.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aborted the failed multipart upload to {DestinationPath}; no partial object is left.")]
    private static partial void LogAborted(ILogger logger, string destinationPath);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not abort the failed multipart upload to {DestinationPath} ({Reason}); a lifecycle rule for incomplete multipart uploads will remove its parts.")]
    private static partial void LogAbortFailed(ILogger logger, string destinationPath, string reason);
}
