using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.AzureBlob;

/// <summary>One delivery's staged-block upload, with every check of what the service received.</summary>
internal sealed class AzureBlobUpload(BlockBlobClient blob, AzureBlobDestinationSettings settings, UploadSource delivery, string location)
{
    /// <summary>Azure's limit on the blocks of one blob (a test seam makes it smaller).</summary>
    public UploadLimit Limit { get; init; } = UploadLimit.AzureBlocks;

    public BlockBlobClient Blob => blob;

    /// <summary>Stages, checks the ownership of the run, then commits: one file delivered on its own.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var blocks = await StageBlocksAsync(cancellationToken).ConfigureAwait(false);
        await delivery.BeforePublishAsync(cancellationToken).ConfigureAwait(false);
        await CommitAsync(blocks, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stages every block, <c>maxConcurrency</c> in flight, checking the MD5 the service computed for each; nothing is
    /// visible yet. Blocks are read and hashed in order (for the whole file's MD5) and staged concurrently.
    /// </summary>
    public async Task<AzureBlobBlocks> StageBlocksAsync(CancellationToken cancellationToken)
    {
        // The file's size is known: one Azure cannot take is refused before any block is staged.
        Limit.EnsureFits(location, delivery.Length, settings.BlockSizeMb, finished: true);
        var blockSize = settings.BlockSizeMb * 1024L * 1024L;
        var prefix = Guid.NewGuid().ToString("N");
        var count = (int)((delivery.Length + blockSize - 1) / blockSize);
        var blockIds = new string[count];
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        await InFlight.ForEachAsync(
            count,
            settings.MaxConcurrency,
            async (index, token) =>
            {
                var offset = index * blockSize;
                var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(prefix + index.ToString("D8", CultureInfo.InvariantCulture)));
                var (slice, digest) = await delivery.OpenHashedAsync(offset, Math.Min(blockSize, delivery.Length - offset), token, whole, withSha256: false).ConfigureAwait(false);

                return async token =>
                {
                    await using (slice.ConfigureAwait(false))
                    {
                        await StageBlockAsync(id, index, slice, digest, token).ConfigureAwait(false);
                    }

                    blockIds[index] = id;
                };
            },
            cancellationToken).ConfigureAwait(false);
        return new AzureBlobBlocks(blockIds, whole.GetHashAndReset());
    }

    /// <summary>
    /// Stages the blocks of a file while it is written: block <c>i</c> is staged once <c>(i + 1) * blockSize</c> bytes
    /// are written (or the file is finished), <c>maxConcurrency</c> in flight, each from its own window of the growing
    /// spool file, hashed in order (the whole file's MD5 and SHA-256 come along). Returns once the file is finished and
    /// every block staged, after checking that the blocks add up to exactly the finished file (then recorded with
    /// <see cref="UploadSource.Finish"/>); nothing is visible yet.
    /// </summary>
    public async Task<AzureBlobBlocks> StageGrowingBlocksAsync(ExportStreamingDelivery growing, CancellationToken cancellationToken)
    {
        var blockSize = settings.BlockSizeMb * 1024L * 1024L;
        var prefix = Guid.NewGuid().ToString("N");
        var blockIds = new List<string>();
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var wholeSha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long hashed = 0;
        await InFlight.ForEachAsync(
            settings.MaxConcurrency,
            async (index, token) =>
            {
                var offset = index * blockSize;
                var written = await growing.WaitForLengthAsync(offset + blockSize, token).ConfigureAwait(false);
                var length = Math.Min(blockSize, written - offset);
                if (length <= 0)
                {
                    return null;
                }

                Limit.EnsureFits(location, written, settings.BlockSizeMb, growing.IsComplete);

                var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(prefix + index.ToString("D8", CultureInfo.InvariantCulture)));
                lock (blockIds)
                {
                    blockIds.Add(id);
                }

                var (slice, digest) = await delivery.OpenHashedAsync(offset, length, token, whole, wholeSha256, withSha256: false).ConfigureAwait(false);

                hashed += length;
                return async token =>
                {
                    await using (slice.ConfigureAwait(false))
                    {
                        await StageBlockAsync(id, index, slice, digest, token).ConfigureAwait(false);
                    }
                };
            },
            cancellationToken).ConfigureAwait(false);

        var summary = await growing.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        delivery.Finish(summary);
        var sha256 = Convert.ToHexStringLower(wholeSha256.GetHashAndReset());
        if (hashed != summary.Length || !string.Equals(sha256, summary.Sha256, StringComparison.Ordinal))
        {
            throw new ExportDeliveryException(
                $"{location}: the bytes read for the upload ({hashed} bytes, SHA-256 {sha256}) are not the export file ({summary.Length} bytes, SHA-256 {summary.Sha256}); nothing was committed. Retry the run; if it happens again, check that nothing else writes to the spool directory.");
        }

        // Ids were added in index order (blocks are prepared one after another).
        return new AzureBlobBlocks(blockIds, whole.GetHashAndReset());
    }

    private async Task StageBlockAsync(string id, int index, Stream slice, ContentDigest digest, CancellationToken cancellationToken)
    {
        var options = new BlockBlobStageBlockOptions
        {
            TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5, PrecalculatedChecksum = digest.Md5 },
        };
        var staged = await blob.StageBlockAsync(id, slice, options, cancellationToken).ConfigureAwait(false);
        if (staged.Value.ContentHash is { Length: > 0 } received && !received.AsSpan().SequenceEqual(digest.Md5))
        {
            throw new ExportDeliveryException(
                $"{location} arrived changed: the service computed MD5 {Convert.ToHexStringLower(received)} for block {index + 1} where the file's is {digest.Md5Hex}. Nothing was committed. Retry the run; if it happens again, check proxies between this host and the service.");
        }
    }

    /// <summary>
    /// Commits the staged blocks (the blob becomes visible), then reads its length back; a different length removes it
    /// and fails, and so does a read-back that fails itself (connection dropped, cancelled): the blob is removed first, best effort.
    /// </summary>
    public async Task CommitAsync(AzureBlobBlocks blocks, CancellationToken cancellationToken)
    {
        var commit = new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = delivery.ContentType, ContentEncoding = delivery.ContentEncoding, ContentHash = blocks.Md5 },
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["sha256"] = delivery.Sha256 ?? string.Empty, ["runid"] = delivery.RunId },
        };
        await blob.CommitBlockListAsync(blocks.Ids, commit, cancellationToken).ConfigureAwait(false);
        BlobProperties stored;
        try
        {
            stored = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception ex)
        {
            // The blob is visible already: a run that fails here must not leave it behind.
            var removed = await TryRemoveAsync().ConfigureAwait(false);
            if (!AzureBlobErrorMessages.IsAzureFailure(ex))
            {
                throw;
            }

            throw new ExportDeliveryException($"{location} was committed, but reading back what the service holds failed: {AzureBlobErrorMessages.Describe(ex, settings, blob.Uri)} {removed}", ex);
        }

        if (stored.ContentLength != delivery.Length)
        {
            await RemoveAsync().ConfigureAwait(false);
            throw new ExportDeliveryException(
                $"{location} arrived changed: the service holds {stored.ContentLength} bytes where {delivery.Length} were sent. The blob was removed. Retry the run; if it happens again, check proxies between this host and the service.");
        }
    }

    private async Task RemoveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await blob.DeleteIfExistsAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
    }

    /// <summary>Removes the committed blob, best effort; says what happened, for the run's error.</summary>
    private async Task<string> TryRemoveAsync()
    {
        try
        {
            await RemoveAsync().ConfigureAwait(false);
            return "The blob was removed.";
        }
        catch (Exception ex) when (AzureBlobErrorMessages.IsAzureFailure(ex) || ex is OperationCanceledException)
        {
            return $"It could not be removed ({(ex is OperationCanceledException ? "timed out" : AzureBlobErrorMessages.Describe(ex, settings, blob.Uri))}): delete it, or run the job again to replace it.";
        }
    }
}
