using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;
using ExportJobs.Validation;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Destinations.AzureBlob;

/// <summary>Delivers export files to Azure Blob Storage as block blobs (<c>"destinationType": "azure-blob"</c>).</summary>
/// <remarks>
/// The file is staged as blocks of <c>blockSizeMb</c> read straight from the spool file (memory stays at about one
/// block) and the block list is committed at the end: until the commit, readers see no blob or the previous version,
/// and blocks of a failed upload are never committed (the service discards them after a week).
/// </remarks>
internal sealed partial class AzureBlobDestination(IEnumerable<TokenCredential> credentials, ILogger<AzureBlobDestination> logger) : IExportDestination
{
    public const string TypeName = "azure-blob";

    private readonly TokenCredential? _credential = credentials.FirstOrDefault();

    public IReadOnlyCollection<string> SecretSettings => AzureBlobDestinationSettingsValidator.Secrets;

    public IReadOnlyCollection<string> EndpointSettings { get; } = ["accountUrl"];

    public void Validate(JsonObject config, ValidationErrors errors) => AzureBlobDestinationSettingsValidator.Read(config, errors, _credential is not null);

    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = ReadOrThrow(delivery.Config);
        var container = AzureBlobClientFactory.Create(settings, _credential);
        var blob = container.GetBlockBlobClient(ObjectPath.Join(settings.Path, delivery.FileName));
        var location = blob.Uri.GetLeftPart(UriPartial.Path);
        try
        {
            await UploadAsync(blob, settings, delivery, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AzureBlobErrorMessages.IsAzureFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new ExportDeliveryException(AzureBlobErrorMessages.Describe(ex, settings, blob.Uri), ex);
        }

        LogDelivered(delivery.RunId, location, delivery.Length);
        return new DeliveryResult(location);
    }

    public Task<DestinationTestResult> TestConnectionAsync(JsonObject config, CancellationToken cancellationToken)
    {
        var settings = ReadOrThrow(config);
        return AzureBlobConnectionTest.RunAsync(AzureBlobClientFactory.Create(settings, _credential), settings, cancellationToken);
    }

    private static async Task UploadAsync(BlockBlobClient blob, AzureBlobDestinationSettings settings, ExportDelivery delivery, CancellationToken cancellationToken)
    {
        var blockSize = settings.BlockSizeMb * 1024L * 1024L;
        var prefix = Guid.NewGuid().ToString("N");
        var blockIds = new List<string>();
        for (long offset = 0, index = 0; offset < delivery.Length; offset += blockSize, index++)
        {
            var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(prefix + index.ToString("D8", CultureInfo.InvariantCulture)));
            await using var slice = new StreamSlice(delivery.OpenRead(), offset, Math.Min(blockSize, delivery.Length - offset));
            await blob.StageBlockAsync(id, slice, new BlockBlobStageBlockOptions(), cancellationToken).ConfigureAwait(false);
            blockIds.Add(id);
        }

        var commit = new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = delivery.ContentType, ContentEncoding = delivery.ContentEncoding },
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["sha256"] = delivery.Sha256, ["runid"] = delivery.RunId },
        };
        await delivery.BeforePublishAsync(cancellationToken).ConfigureAwait(false);
        await blob.CommitBlockListAsync(blockIds, commit, cancellationToken).ConfigureAwait(false);
    }

    private AzureBlobDestinationSettings ReadOrThrow(JsonObject config) =>
        JsonSettings.ReadOrThrow(TypeName, errors => AzureBlobDestinationSettingsValidator.Read(config, errors, _credential is not null));

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: delivered {Length} bytes to {DestinationPath}.")]
    private partial void LogDelivered(string runId, string destinationPath, long length);
}
