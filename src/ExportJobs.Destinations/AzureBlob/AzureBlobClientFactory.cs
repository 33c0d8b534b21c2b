using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.AzureBlob;

/// <summary>Creates the container client for one job's settings.</summary>
internal static class AzureBlobClientFactory
{
    public static BlobContainerClient Create(AzureBlobDestinationSettings settings, TokenCredential? credential, HttpClient http)
    {
        var options = new BlobClientOptions { Transport = new HttpClientTransport(http) };
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.NetworkTimeout = TimeSpan.FromMinutes(2);
        BlobServiceClient service;
        if (settings.ConnectionString is not null)
        {
            service = new BlobServiceClient(settings.ConnectionString, options);
        }
        else if (settings.SasToken is not null)
        {
            service = new BlobServiceClient(settings.AccountUrl!, new AzureSasCredential(settings.SasToken), options);
        }
        else
        {
            service = new BlobServiceClient(
                settings.AccountUrl!,
                credential ?? throw new ExportDeliveryException("This azure-blob job sets 'accountUrl' without 'sasToken', but the host registered no TokenCredential. Add 'sasToken' or 'connectionString', or register a TokenCredential."),
                options);
        }

        return service.GetBlobContainerClient(settings.Container);
    }
}
