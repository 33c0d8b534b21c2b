using ExportJobs.Destinations.S3;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <c>s3</c> destination.</summary>
public static class S3DestinationBuilderExtensions
{
    /// <summary>
    /// Adds the <c>s3</c> destination: Amazon S3 and S3-compatible stores (<c>serviceUrl</c> + <c>forcePathStyle</c>).
    /// Its settings are <c>bucket</c> (required), <c>path</c>, <c>region</c>, <c>serviceUrl</c>, <c>forcePathStyle</c>,
    /// <c>accessKeyId</c>/<c>secretAccessKey</c>/<c>sessionToken</c> (else the SDK's default credential chain),
    /// <c>useChunkEncoding</c> (default false with <c>serviceUrl</c>, true for AWS: S3-compatible stores often keep aws-chunked framing inside objects) <c>partSizeMb</c> (5..5120, default 16) and <c>maxConcurrency</c> (parts in flight, 1..16, default 4).
    /// </summary>
    /// <param name="builder">The ExportJobs builder.</param>
    public static IExportJobsBuilder AddS3Destination(this IExportJobsBuilder builder) =>
        builder.AddDestination<S3Destination>(S3Destination.TypeName);
}
