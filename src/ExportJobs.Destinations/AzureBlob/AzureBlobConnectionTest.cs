using Azure.Storage.Blobs;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.AzureBlob;

/// <summary>Checks that the container exists with the credentials, then writes and deletes a small probe blob.</summary>
internal static class AzureBlobConnectionTest
{
    public static async Task<DestinationTestResult> RunAsync(BlobContainerClient container, AzureBlobDestinationSettings settings, CancellationToken cancellationToken)
    {
        var checks = new List<DestinationCheck>();
        try
        {
            await container.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            checks.Add(DestinationCheck.Passed("container", $"Container '{settings.Container}' exists and is reachable."));
        }
        catch (Exception ex) when (AzureBlobErrorMessages.IsAzureFailure(ex))
        {
            checks.Add(DestinationCheck.Failed("container", AzureBlobErrorMessages.Describe(ex, settings, container.Uri)));
            return new DestinationTestResult(checks);
        }

        var probe = container.GetBlobClient(ObjectPath.Join(settings.Path, $".exportjobs-connection-test-{Guid.NewGuid():N}"));
        try
        {
            await probe.UploadAsync(BinaryData.FromString("ExportJobs connection test"), cancellationToken).ConfigureAwait(false);
            await probe.DeleteAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            checks.Add(DestinationCheck.Passed("write", $"Wrote and deleted a probe blob in '{settings.Container}'."));
        }
        catch (Exception ex) when (AzureBlobErrorMessages.IsAzureFailure(ex))
        {
            checks.Add(DestinationCheck.Failed("write", AzureBlobErrorMessages.Describe(ex, settings, container.Uri)));
        }

        return new DestinationTestResult(checks);
    }
}
