using Amazon.S3;
using ExportJobs.Destinations.Common;

namespace ExportJobs.Destinations.S3;

/// <summary>One delivery's use of a cached client and of the HTTP handler under it; disposing returns both.</summary>
internal sealed class S3Lease(ClientCache<AmazonS3Client>.Lease client, IDisposable handler) : IDisposable
{
    public AmazonS3Client Client => client.Client;

    public void Dispose()
    {
        client.Dispose();
        handler.Dispose();
    }
}
