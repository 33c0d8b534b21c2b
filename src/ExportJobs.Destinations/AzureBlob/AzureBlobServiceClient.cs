using Azure.Storage.Blobs;

namespace ExportJobs.Destinations.AzureBlob;

/// <summary>A cached Azure Blob service client with the HTTP connections it owns (closed when it is disposed).</summary>
internal sealed class AzureBlobServiceClient(BlobServiceClient service, HttpClient http) : IDisposable
{
    public BlobServiceClient Service => service;

    /// <summary>Whether <see cref="Dispose"/> ran (a test seam).</summary>
    public bool IsDisposed { get; private set; }

    public BlobContainerClient Container(AzureBlobDestinationSettings settings) => service.GetBlobContainerClient(settings.Container);

    public void Dispose()
    {
        IsDisposed = true;
        http.Dispose();
    }
}
