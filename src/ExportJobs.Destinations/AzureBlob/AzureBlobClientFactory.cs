using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using ExportJobs.Extensibility;
using ExportJobs.Network;

namespace ExportJobs.Destinations.AzureBlob;

/// <summary>Creates the service client for one endpoint + credential set, over its own connections (through the address policy).</summary>
internal static class AzureBlobClientFactory
{
    public static AzureBlobServiceClient Create(AzureBlobDestinationSettings settings, TokenCredential? credential, OutboundAddressPolicy network)
    {
        var http = new HttpClient(network.CreateHttpHandler(AzureBlobDestination.TypeName), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            return new AzureBlobServiceClient(Create(settings, credential, http), http);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    private static BlobServiceClient Create(AzureBlobDestinationSettings settings, TokenCredential? credential, HttpClient http)
    {
        var options = new BlobClientOptions { Transport = new HttpClientTransport(http) };
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.NetworkTimeout = TimeSpan.FromMinutes(2);
        if (settings.ConnectionString is not null)
        {
            return new BlobServiceClient(settings.ConnectionString, options);
        }

        if (settings.SasToken is not null)
        {
            return new BlobServiceClient(settings.AccountUrl!, new AzureSasCredential(settings.SasToken), options);
        }

        return new BlobServiceClient(
            settings.AccountUrl!,
            credential ?? throw new ExportDeliveryException("This azure-blob job sets 'accountUrl' without 'sasToken', but the host registered no TokenCredential. Add 'sasToken' or 'connectionString', or register a TokenCredential."),
            options);
    }
}
