using Azure.Storage.Blobs;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.AzureBlob;

/// <summary>Checks that the container exists with the credentials, then writes a small probe blob, reads it back and deletes it.</summary>
internal static class AzureBlobConnectionTest
{
    private static readonly BinaryData Probe = BinaryData.FromString("ExportJobs connection test: written, read back and deleted.");

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
            BinaryData readBack;
            try
            {
                await probe.UploadAsync(Probe, cancellationToken).ConfigureAwait(false);
                readBack = (await probe.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
            }
            finally
            {
                await probe.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            checks.Add(readBack.ToMemory().Span.SequenceEqual(Probe.ToMemory().Span)
                ? DestinationCheck.Passed("write", $"Wrote a probe blob in '{settings.Container}', read it back unchanged and deleted it.")
                : DestinationCheck.Failed("write", $"Wrote a probe blob in '{settings.Container}' but read back {readBack.ToMemory().Length} bytes that differ from the {Probe.ToMemory().Length} written (deleted again). Something between this host and the service changes uploads."));
        }
        catch (Exception ex) when (AzureBlobErrorMessages.IsAzureFailure(ex))
        {
            checks.Add(DestinationCheck.Failed("write", AzureBlobErrorMessages.Describe(ex, settings, container.Uri)));
        }

        return new DestinationTestResult(checks);
    }
}
