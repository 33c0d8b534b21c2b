using System.Text.Json.Nodes;
using Amazon.S3;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Network;
using ExportJobs.Validation;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Destinations.S3;

/// <summary>Delivers export files to Amazon S3 or an S3-compatible store (<c>"destinationType": "s3"</c>).</summary>
/// <remarks>
/// Files up to one part go up with a single PutObject; larger ones as a multipart upload of <c>partSizeMb</c> parts read
/// straight from the spool file, <c>maxConcurrency</c> of them in flight (hashed one after another, sent concurrently; no
/// part is buffered in memory). The SDK client is cached per endpoint + credential set (<see cref="ClientCache{TClient}"/>). A failed or cancelled multipart upload is aborted,
/// so no partial object is left; S3 only shows an object once PutObject or CompleteMultipartUpload succeeded.
/// Every request body carries <c>Content-MD5</c> and <c>x-amz-checksum-sha256</c>, which S3 checks; because some
/// S3-compatible stores check neither, the ETag of every part (its MD5, where the store reports one) and the stored
/// length are checked too: an object that arrived changed is removed and the run fails (<see cref="S3Upload"/>).
/// A split run's files are staged (<see cref="BeginStagingAsync"/>): every file's multipart upload is opened and its
/// parts uploaded and checked, and the uploads are completed, in order and the manifest last, only once every file is
/// staged; a failure aborts the uploads not completed. A single-file run streams: parts go up while the file is written
/// (<see cref="DeliverStreamingAsync"/>). Connections go through the <see cref="OutboundAddressPolicy"/>.
/// </remarks>
internal sealed partial class S3Destination : IExportDestination, IDisposable
{
    public const string TypeName = "s3";

    private readonly OutboundAddressPolicy _network;
    private readonly ILogger<S3Destination> _logger;
    private readonly SharedDisposable<SocketsHttpHandler> _handler;
    private readonly S3HttpClientFactory _http;
    private readonly ClientCache<AmazonS3Client> _clients = new();

    public S3Destination(OutboundAddressPolicy network, ILogger<S3Destination> logger)
    {
        _network = network;
        _logger = logger;
        _handler = new SharedDisposable<SocketsHttpHandler>(network.CreateHttpHandler(TypeName));
        _http = new S3HttpClientFactory(_handler.Value);
    }

    /// <summary>The clients of this destination, one per endpoint + credential set (a test seam: <see cref="ClientCache{TClient}.Created"/>).</summary>
    internal ClientCache<AmazonS3Client> Clients => _clients;

    /// <summary>Whether the shared HTTP handler was disposed (a test seam: only once the destination and every lease let go).</summary>
    internal bool HandlerDisposed => _handler.IsDisposed;

    public IReadOnlyCollection<string> SecretSettings => S3DestinationSettingsValidator.Secrets;

    public IReadOnlyCollection<string> EndpointSettings { get; } = ["serviceUrl"];

    public JsonObject? SettingsSchema => S3DestinationSettingsSchema.Schema;

    public void Validate(JsonObject config, ValidationErrors errors) => S3DestinationSettingsValidator.Read(config, _network, errors);

    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = ReadOrThrow(delivery.Config);
        var key = ObjectPath.Join(settings.Path, delivery.FileName);
        using var lease = Rent(delivery.Job.Id, settings);
        var upload = new S3Upload(lease.Client, settings, key, UploadSource.Of(delivery)) { PartStored = PartStored, Limit = PartLimit };
        try
        {
            var partSize = settings.PartSizeMb * 1024L * 1024L;
            if (delivery.Length <= partSize)
            {
                await upload.PutAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await MultipartAsync(upload, (uploadId, token) => upload.UploadPartsAsync(uploadId, partSize, token), cancellationToken).ConfigureAwait(false);
            }

            await upload.VerifyStoredLengthAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (S3ErrorMessages.IsS3Failure(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new ExportDeliveryException(S3ErrorMessages.Describe(ex, settings), ex);
        }

        LogDelivered(delivery.RunId, settings.Describe(key), delivery.Length);
        return new DeliveryResult(settings.Describe(key));
    }

    /// <summary>Deletes an object this destination delivered for a run that failed later (a split run's earlier parts).</summary>
    public async Task<bool> RemoveAsync(ExportDelivery delivery, DeliveryResult delivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = ReadOrThrow(delivery.Config);
        using var lease = Rent(delivery.Job.Id, settings);
        await lease.Client.DeleteObjectAsync(settings.Bucket, ObjectPath.Join(settings.Path, delivery.FileName), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Staged publish (contract v2): one multipart upload per file, completed only when every file is staged (<see cref="S3Staging"/>).</summary>
    public Task<ExportStaging?> BeginStagingAsync(ExportJob job, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var settings = ReadOrThrow(job.DestinationConfig);
        return Task.FromResult<ExportStaging?>(new S3Staging(Rent(job.Id, settings), settings, _logger));
    }

    public async Task<DestinationTestResult> TestConnectionAsync(JsonObject config, CancellationToken cancellationToken)
    {
        var settings = ReadOrThrow(config);
        using var handler = _handler.Acquire();
        return await S3ConnectionTest.RunAsync(settings, _http, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Disposes the clients once their deliveries returned them, and lets go of the shared HTTP handler, which is
    /// disposed when the last lease is returned too: host disposal never pulls the connections from under a delivery.
    /// </summary>
    public void Dispose()
    {
        _clients.Dispose();
        _handler.Release();
    }

    private S3Lease Rent(string jobId, S3DestinationSettings settings)
    {
        var handler = _handler.Acquire();
        try
        {
            return new S3Lease(_clients.Rent(jobId, settings.ClientKey, () => S3ClientFactory.Create(settings, _http)), handler);
        }
        catch
        {
            handler.Dispose();
            throw;
        }
    }

    private S3DestinationSettings ReadOrThrow(JsonObject config) =>
        JsonSettings.ReadOrThrow(TypeName, errors => S3DestinationSettingsValidator.Read(config, _network, errors));

    /// <summary>Opens the multipart upload, uploads its parts with <paramref name="uploadParts"/>, checks ownership and completes it; any failure aborts it.</summary>
    private async Task MultipartAsync(S3Upload upload, Func<string, CancellationToken, Task<List<Amazon.S3.Model.PartETag>>> uploadParts, CancellationToken cancellationToken)
    {
        var uploadId = await upload.InitiateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var parts = await uploadParts(uploadId, cancellationToken).ConfigureAwait(false);
            await upload.Delivery.BeforePublishAsync(cancellationToken).ConfigureAwait(false);
            await upload.CompleteAsync(uploadId, parts, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The delivery's token may be the one cancelled: the abort has its own budget.
            await upload.AbortAsync(uploadId, _logger, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: delivered {Length} bytes to {DestinationPath}.")]
    private partial void LogDelivered(string runId, string destinationPath, long length);
}
