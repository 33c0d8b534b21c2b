using System.Text.Json.Nodes;
using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Network;
using ExportJobs.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Renci.SshNet.Common;

namespace ExportJobs.Destinations.Sftp;

/// <summary>Delivers export files over SFTP (<c>"destinationType": "sftp"</c>).</summary>
/// <remarks>
/// The file is streamed to a hidden temporary name in the target folder and renamed with the POSIX rename extension
/// (atomic, replaces an existing file), so readers never see a partial file. On failure the temporary file is deleted,
/// reconnecting when the connection was dropped. Before the rename, the remote size is compared with the file's: a
/// different size publishes nothing. A split run's files are staged (<see cref="BeginStagingAsync"/>): all are uploaded
/// to their temporary names on one connection and renamed, in order and the manifest last, only once every file is
/// uploaded; a failure deletes the temporary files not renamed yet. A single-file run is streamed (contract v2,
/// <see cref="DeliverStreamingAsync"/>): the temporary file is written while the export writes its spool file, and
/// renamed once the export finished, the stored size matched and the publish check passed. The host key is checked against <c>hostKeyFingerprint</c>; the host's addresses
/// against the <see cref="OutboundAddressPolicy"/>.
/// </remarks>
internal sealed partial class SftpDestination(IOptions<SftpDestinationOptions> options, OutboundAddressPolicy network, ISftpClientFactory clients, ILogger<SftpDestination> logger) : IExportDestination
{
    public const string TypeName = "sftp";

    public IReadOnlyCollection<string> SecretSettings => SftpDestinationSettingsValidator.Secrets;

    public IReadOnlyCollection<string> EndpointSettings { get; } = ["host", "port"];

    public JsonObject? SettingsSchema => SftpDestinationSettingsSchema.Schema;

    public void Validate(JsonObject config, ValidationErrors errors) => SftpDestinationSettingsValidator.Read(config, options.Value, network, errors);

    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = ReadOrThrow(delivery.Config);
        using var session = new SftpSession(settings, options.Value, network, clients);
        await ConnectAsync(session, settings, cancellationToken).ConfigureAwait(false);
        var (target, temp) = await UploadTemporaryAsync(session, settings, delivery, cancellationToken).ConfigureAwait(false);
        await PublishAsync(session, settings, temp, target, delivery.BeforePublishAsync, cancellationToken).ConfigureAwait(false);
        LogDelivered(delivery.RunId, settings.Describe(target), delivery.Length);
        return new DeliveryResult(settings.Describe(target));
    }

    /// <summary>Streams every setting's run (contract v2): SFTP writes the temporary file as the bytes arrive.</summary>
    public bool SupportsStreaming(JsonObject config) => true;

    /// <summary>
    /// Streamed delivery (contract v2): the temporary file is written as the export writes its spool file, its stored size
    /// checked against the finished file's, and it is renamed only after the publish check.
    /// </summary>
    public async Task<DeliveryResult> DeliverStreamingAsync(ExportStreamingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = ReadOrThrow(delivery.Config);
        using var session = new SftpSession(settings, options.Value, network, clients);
        await ConnectAsync(session, settings, cancellationToken).ConfigureAwait(false);
        var (target, temp, length) = await UploadTemporaryAsync(
            session,
            settings,
            delivery.FileName,
            () => delivery.OpenRead(),
            async token => (await delivery.WaitForCompletionAsync(token).ConfigureAwait(false)).Length,
            cancellationToken).ConfigureAwait(false);
        await PublishAsync(session, settings, temp, target, delivery.BeforePublishAsync, cancellationToken).ConfigureAwait(false);
        LogDelivered(delivery.RunId, settings.Describe(target), length);
        return new DeliveryResult(settings.Describe(target));
    }

    /// <summary>
    /// The publish check, then the rename. Whatever the check throws (a cancel, or the store failing while it asks who
    /// owns the run), the temporary file is deleted first.
    /// </summary>
    private async Task PublishAsync(SftpSession session, SftpDestinationSettings settings, string temp, string target, Func<CancellationToken, Task> beforePublish, CancellationToken cancellationToken)
    {
        try
        {
            await beforePublish(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await DeleteTemporaryAsync(session, settings, temp, ex is OperationCanceledException ? null : ex).ConfigureAwait(false);
            throw;
        }

        await RenameAsync(session, settings, temp, target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Staged publish (contract v2): every file uploaded to its temporary name on one connection, all renamed only when every file is staged (<see cref="SftpStaging"/>).</summary>
    public async Task<ExportStaging?> BeginStagingAsync(ExportJob job, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var settings = ReadOrThrow(job.DestinationConfig);
        var session = new SftpSession(settings, options.Value, network, clients);
        try
        {
            await ConnectAsync(session, settings, cancellationToken).ConfigureAwait(false);
            return new SftpStaging(this, settings, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Streams the file to a hidden temporary name next to its target (creating folders) and checks the stored size;
    /// on failure deletes the temporary file. Nothing is visible at the target yet.
    /// </summary>
    internal async Task<(string Target, string Temp)> UploadTemporaryAsync(SftpSession session, SftpDestinationSettings settings, ExportDelivery delivery, CancellationToken cancellationToken)
    {
        var (target, temp, _) = await UploadTemporaryAsync(session, settings, delivery.FileName, delivery.OpenRead, _ => Task.FromResult(delivery.Length), cancellationToken).ConfigureAwait(false);
        return (target, temp);
    }

    /// <summary>
    /// Uploads what <paramref name="open"/> reads to a hidden temporary name next to the target, then compares the stored
    /// size with <paramref name="expectedLength"/> (for a streamed delivery: known once the export finished). On any
    /// failure, the export's abort (<see cref="ExportStreamAbortedException"/>) and a cancel included, the temporary file
    /// is deleted.
    /// </summary>
    private async Task<(string Target, string Temp, long Length)> UploadTemporaryAsync(SftpSession session, SftpDestinationSettings settings, string fileName, Func<Stream> open, Func<CancellationToken, Task<long>> expectedLength, CancellationToken cancellationToken)
    {
        string? target = null;
        string? temp = null;
        try
        {
            target = session.Absolute(ObjectPath.Join(settings.Path, fileName));
            var folder = target[..target.LastIndexOf('/')];
            await SftpFolders.EnsureAsync(session.Client, folder, cancellationToken).ConfigureAwait(false);
            temp = $"{folder}/.{target[(folder.Length + 1)..]}.{Guid.NewGuid():N}.part";
            await using (var body = open())
            {
                await session.Client.UploadFileAsync(body, temp, cancellationToken).ConfigureAwait(false);
            }

            // What the server stored is checked before readers can see it (SSH itself protects the bytes in transit).
            var length = await expectedLength(cancellationToken).ConfigureAwait(false);
            var stored = (await session.Client.GetAttributesAsync(temp, cancellationToken).ConfigureAwait(false)).Size;
            if (stored != length)
            {
                await DeleteTemporaryAsync(session, settings, temp).ConfigureAwait(false);
                temp = null;
                throw new ExportDeliveryException($"{settings.Describe(target)} arrived changed: the server stored {stored} bytes where {length} were sent, so the file was not published (the temporary file was removed). Check the server's free space and quotas, then retry the run.");
            }

            return (target, temp, length);
        }
        catch (Exception ex) when (ex is not ExportDeliveryException)
        {
            if (temp is not null)
            {
                await DeleteTemporaryAsync(session, settings, temp, ex).ConfigureAwait(false);
            }

            if ((ex is OperationCanceledException && cancellationToken.IsCancellationRequested) || !(SftpErrorMessages.IsSftpFailure(ex) || ex is OperationCanceledException))
            {
                // A cancel, the export's abort, or a failure that is not the server's: as it is.
                throw;
            }

            throw new ExportDeliveryException(SftpErrorMessages.Describe(ex, settings, session, target), ex);
        }
    }

    /// <summary>Renames the temporary file to its target (POSIX rename: atomic, replaces); on failure deletes the temporary file.</summary>
    internal async Task RenameAsync(SftpSession session, SftpDestinationSettings settings, string temp, string target, CancellationToken cancellationToken)
    {
        try
        {
            // SSH.NET offers the POSIX rename only synchronously; it is one short request.
            await Task.Run(() => session.Client.RenameFile(temp, target, isPosix: true), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The one clean-up of a failed rename: a staged file counts as done once its publish was attempted.
            await DeleteTemporaryAsync(session, settings, temp, ex).ConfigureAwait(false);
            if ((ex is OperationCanceledException && cancellationToken.IsCancellationRequested) || !(SftpErrorMessages.IsSftpFailure(ex) || ex is OperationCanceledException))
            {
                throw;
            }

            throw new ExportDeliveryException(SftpErrorMessages.Describe(ex, settings, session, target), ex);
        }
    }

    /// <summary>Connects, turning a failure into a message the job's owner can act on.</summary>
    private static async Task ConnectAsync(SftpSession session, SftpDestinationSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await session.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SftpErrorMessages.IsSftpFailure(ex) || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ExportDeliveryException(SftpErrorMessages.Describe(ex, settings, session), ex);
        }
    }

    /// <summary>Deletes a file this destination delivered for a run that failed later (a split run's earlier parts).</summary>
    public async Task<bool> RemoveAsync(ExportDelivery delivery, DeliveryResult delivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = ReadOrThrow(delivery.Config);
        using var session = new SftpSession(settings, options.Value, network, clients);
        await session.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var target = session.Absolute(ObjectPath.Join(settings.Path, delivery.FileName));
        if (await session.Client.ExistsAsync(target, cancellationToken).ConfigureAwait(false))
        {
            await session.Client.DeleteFileAsync(target, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public Task<DestinationTestResult> TestConnectionAsync(JsonObject config, CancellationToken cancellationToken) =>
        SftpConnectionTest.RunAsync(ReadOrThrow(config), options.Value, network, clients, cancellationToken);

    private SftpDestinationSettings ReadOrThrow(JsonObject config) =>
        JsonSettings.ReadOrThrow(TypeName, errors => SftpDestinationSettingsValidator.Read(config, options.Value, network, errors));

    /// <summary>
    /// Deletes a temporary file, best effort (a failure is logged). After <paramref name="failure"/> broke the connection
    /// the delete goes over a fresh one; so does a delete that fails because the current connection turns out dead.
    /// </summary>
    /// <remarks>
    /// <c>IsConnected</c> alone cannot decide: SSH.NET fails the pending requests of a dropped connection (the upload
    /// throws) before its listener thread has finished tearing the session down, and until then <c>IsConnected</c> still
    /// says <see langword="true"/>. A delete sent then fails too, which left the temporary file behind on a loaded machine.
    /// </remarks>
    internal async Task DeleteTemporaryAsync(SftpSession session, SftpDestinationSettings settings, string temp, Exception? failure = null)
    {
        using var timeout = new CancellationTokenSource(options.Value.Timeout);
        try
        {
            if (!SftpErrorMessages.IsConnectionFailure(failure) && session.IsConnected)
            {
                try
                {
                    await session.Client.DeleteFileAsync(temp, timeout.Token).ConfigureAwait(false);
                    return;
                }
                catch (Exception ex) when (SftpErrorMessages.IsConnectionFailure(ex))
                {
                    // The connection was dead after all: delete over a fresh one below.
                }
            }

            using var fresh = new SftpSession(settings, options.Value, network, clients);
            await fresh.ConnectAsync(timeout.Token).ConfigureAwait(false);
            await fresh.Client.DeleteFileAsync(temp, timeout.Token).ConfigureAwait(false);
        }
        catch (SftpPathNotFoundException)
        {
            // Gone already (deleted by an earlier clean-up): nothing was left behind.
        }
        catch (Exception ex) when (SftpErrorMessages.IsSftpFailure(ex) || ex is OperationCanceledException)
        {
            LogTemporaryLeft(settings.Describe(temp), ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: delivered {Length} bytes to {DestinationPath}.")]
    private partial void LogDelivered(string runId, string destinationPath, long length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the temporary file {TemporaryPath} of a failed upload ({Reason}); it is hidden and ends in .part.")]
    private partial void LogTemporaryLeft(string temporaryPath, string reason);
}
