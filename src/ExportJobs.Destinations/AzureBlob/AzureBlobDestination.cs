using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Storage.Blobs.Specialized;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Network;
using ExportJobs.Validation;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Destinations.AzureBlob;

/// <summary>Delivers export files to Azure Blob Storage as block blobs (<c>"destinationType": "azure-blob"</c>).</summary>
/// <remarks>
/// The file is staged as blocks of <c>blockSizeMb</c> read straight from the spool file, <c>maxConcurrency</c> of them in
/// flight (hashed one after another, staged concurrently; no block is buffered in memory), and the block list is committed at the end: until the commit, readers see no blob or the previous version,
/// and blocks of a failed upload are never committed (the service discards them after a week). Every block carries its
/// <c>Content-MD5</c>, which the service checks, and the MD5 the service reports back is compared too; after the commit
/// the blob's length is read back. A blob that arrived changed is not committed, or removed (<see cref="AzureBlobUpload"/>).
/// A split run's files are staged (<see cref="BeginStagingAsync"/>): every file's blocks are staged and checked, and
/// the block lists are committed, in order and the manifest last, only once every file is staged; a failure commits
/// nothing more (uncommitted blocks stay invisible and are discarded by the service).
/// A single-file run streams: blocks are staged while the file is written (<see cref="DeliverStreamingAsync"/>).
/// The service client (with its connections) is cached per endpoint + credential set (<see cref="ClientCache{TClient}"/>).
/// Connections go through the <see cref="OutboundAddressPolicy"/>.
/// </remarks>
internal sealed partial class AzureBlobDestination : IExportDestination, IDisposable
{
    public const string TypeName = "azure-blob";

    private readonly TokenCredential? _credential;
    private readonly OutboundAddressPolicy _network;
    private readonly ILogger<AzureBlobDestination> _logger;
    private readonly ClientCache<AzureBlobServiceClient> _clients = new();

    public AzureBlobDestination(IEnumerable<TokenCredential> credentials, OutboundAddressPolicy network, ILogger<AzureBlobDestination> logger)
    {
        _credential = credentials.FirstOrDefault();
        _network = network;
        _logger = logger;
    }

    /// <summary>The clients of this destination, one per endpoint + credential set (a test seam: <see cref="ClientCache{TClient}.Created"/>).</summary>
    internal ClientCache<AzureBlobServiceClient> Clients => _clients;

    public IReadOnlyCollection<string> SecretSettings => AzureBlobDestinationSettingsValidator.Secrets;

    public IReadOnlyCollection<string> EndpointSettings { get; } = ["accountUrl"];

    public JsonObject? SettingsSchema => AzureBlobDestinationSettingsSchema.Schema;

    public void Validate(JsonObject config, ValidationErrors errors) => AzureBlobDestinationSettingsValidator.Read(config, errors, _credential is not null, _network);

    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = ReadOrThrow(delivery.Config);
        using var lease = Rent(delivery.Job.Id, settings);
        var blob = lease.Client.Container(settings).GetBlockBlobClient(ObjectPath.Join(settings.Path, delivery.FileName));
        var location = blob.Uri.GetLeftPart(UriPartial.Path);
        try
        {
            await new AzureBlobUpload(blob, settings, UploadSource.Of(delivery), location) { Limit = BlockLimit }.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AzureBlobErrorMessages.IsAzureFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new ExportDeliveryException(AzureBlobErrorMessages.Describe(ex, settings, blob.Uri), ex);
        }

        LogDelivered(delivery.RunId, location, delivery.Length);
        return new DeliveryResult(location);
    }

    /// <summary>Deletes a blob this destination delivered for a run that failed later (a split run's earlier parts).</summary>
    public async Task<bool> RemoveAsync(ExportDelivery delivery, DeliveryResult delivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = ReadOrThrow(delivery.Config);
        using var lease = Rent(delivery.Job.Id, settings);
        var blob = lease.Client.Container(settings).GetBlockBlobClient(ObjectPath.Join(settings.Path, delivery.FileName));
        await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Staged publish (contract v2): every file's blocks staged, the block lists committed only when every file is staged (<see cref="AzureBlobStaging"/>).</summary>
    public Task<ExportStaging?> BeginStagingAsync(ExportJob job, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var settings = ReadOrThrow(job.DestinationConfig);
        return Task.FromResult<ExportStaging?>(new AzureBlobStaging(Rent(job.Id, settings), settings));
    }

    /// <summary>Tests with a client of its own (the settings may not belong to a saved job yet), disposed afterwards.</summary>
    public async Task<DestinationTestResult> TestConnectionAsync(JsonObject config, CancellationToken cancellationToken)
    {
        var settings = ReadOrThrow(config);
        using var client = AzureBlobClientFactory.Create(settings, _credential, _network);
        return await AzureBlobConnectionTest.RunAsync(client.Container(settings), settings, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _clients.Dispose();

    private ClientCache<AzureBlobServiceClient>.Lease Rent(string jobId, AzureBlobDestinationSettings settings) =>
        _clients.Rent(jobId, settings.ClientKey, () => AzureBlobClientFactory.Create(settings, _credential, _network));

    private AzureBlobDestinationSettings ReadOrThrow(JsonObject config) =>
        JsonSettings.ReadOrThrow(TypeName, errors => AzureBlobDestinationSettingsValidator.Read(config, errors, _credential is not null, _network));

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: delivered {Length} bytes to {DestinationPath}.")]
    private partial void LogDelivered(string runId, string destinationPath, long length);
}
