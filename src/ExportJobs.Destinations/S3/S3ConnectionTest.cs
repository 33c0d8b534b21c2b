using Amazon.S3.Model;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.S3;

/// <summary>Checks that the bucket is reachable with the credentials, then writes and deletes a small probe object.</summary>
internal static class S3ConnectionTest
{
    public static async Task<DestinationTestResult> RunAsync(S3DestinationSettings settings, CancellationToken cancellationToken)
    {
        var checks = new List<DestinationCheck>();
        using var client = S3ClientFactory.Create(settings);
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
        try
        {
            using var body = new MemoryStream("ExportJobs connection test"u8.ToArray());
            await client.PutObjectAsync(new PutObjectRequest { BucketName = settings.Bucket, Key = key, InputStream = body, UseChunkEncoding = settings.UseChunkEncoding }, cancellationToken).ConfigureAwait(false);
            await client.DeleteObjectAsync(settings.Bucket, key, cancellationToken).ConfigureAwait(false);
            checks.Add(DestinationCheck.Passed("write", $"Wrote and deleted a probe object under {settings.Describe(settings.Path?.Trim('/') ?? string.Empty)}."));
        }
        catch (Exception ex) when (S3ErrorMessages.IsS3Failure(ex))
        {
            checks.Add(DestinationCheck.Failed("write", S3ErrorMessages.Describe(ex, settings)));
        }

        return new DestinationTestResult(checks);
    }
}
