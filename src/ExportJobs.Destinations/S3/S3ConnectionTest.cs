using Amazon.Runtime;
using Amazon.S3.Model;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.S3;

/// <summary>Checks that the bucket is reachable with the credentials, then writes a small probe object, reads it back and deletes it.</summary>
internal static class S3ConnectionTest
{
    private static readonly byte[] Probe = "ExportJobs connection test: written, read back and deleted."u8.ToArray();

    public static async Task<DestinationTestResult> RunAsync(S3DestinationSettings settings, HttpClientFactory http, CancellationToken cancellationToken)
    {
        var checks = new List<DestinationCheck>();
        using var client = S3ClientFactory.Create(settings, http);
        try
        {
            await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = settings.Bucket, Prefix = settings.Path?.Trim('/') ?? string.Empty, MaxKeys = 1 }, cancellationToken).ConfigureAwait(false);
            checks.Add(DestinationCheck.Passed("bucket", $"Bucket '{settings.Bucket}' is reachable and can be listed."));
        }
        catch (Exception ex) when (S3ErrorMessages.IsS3Failure(ex))
        {
            checks.Add(DestinationCheck.Failed("bucket", S3ErrorMessages.Describe(ex, settings)));
            return new DestinationTestResult(checks);
        }

        var key = ObjectPath.Join(settings.Path, $".exportjobs-connection-test-{Guid.NewGuid():N}");
        var folder = settings.Describe(settings.Path?.Trim('/') ?? string.Empty);
        try
        {
            using (var body = new MemoryStream(Probe))
            {
                var digest = await ContentDigest.ComputeAsync(body, cancellationToken).ConfigureAwait(false);
                await client.PutObjectAsync(
                    new PutObjectRequest { BucketName = settings.Bucket, Key = key, InputStream = body, UseChunkEncoding = settings.UseChunkEncoding, MD5Digest = digest.Md5Base64, ChecksumSHA256 = digest.Sha256Base64 },
                    cancellationToken).ConfigureAwait(false);
            }

            byte[] readBack;
            try
            {
                using var stored = await client.GetObjectAsync(settings.Bucket, key, cancellationToken).ConfigureAwait(false);
                using var copy = new MemoryStream();
                await stored.ResponseStream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                readBack = copy.ToArray();
            }
            finally
            {
                await client.DeleteObjectAsync(settings.Bucket, key, cancellationToken).ConfigureAwait(false);
            }

            checks.Add(readBack.AsSpan().SequenceEqual(Probe)
                ? DestinationCheck.Passed("write", $"Wrote a probe object under {folder}, read it back unchanged and deleted it.")
                : DestinationCheck.Failed("write", $"Wrote a probe object under {folder} but read back {readBack.Length} bytes that differ from the {Probe.Length} written (deleted again). "
                    + (settings.UseChunkEncoding && settings.ServiceUrl is not null ? "This S3-compatible store may keep aws-chunked framing inside objects: set 'useChunkEncoding' to false." : "Something between this host and the store changes uploads.")));
        }
        catch (Exception ex) when (S3ErrorMessages.IsS3Failure(ex))
        {
            checks.Add(DestinationCheck.Failed("write", S3ErrorMessages.Describe(ex, settings)));
        }

        return new DestinationTestResult(checks);
    }
}
