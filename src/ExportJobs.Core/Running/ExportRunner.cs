using System.IO.Compression;
using ExportJobs.Cron;
using ExportJobs.Diagnostics;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Profiles;
using ExportJobs.Registration;
using ExportJobs.Running.Parts;
using ExportJobs.Running.Spooling;
using ExportJobs.Secrets;
using ExportJobs.Scheduling;
using ExportJobs.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExportJobs.Running;

/// <summary>
/// Executes one run: record source -> flattening -> format writer -> (gzip) -> spool file, counting records and
/// hashing the file, then hands the file to the job's destination and records the outcome. Never throws.
/// </summary>
internal sealed partial class ExportRunner(
    ExportJobStore store,
    ExportComponentRegistry<IExportFormat> formats,
    ExportComponentRegistry<IExportDestination> destinations,
    DestinationSecretPolicy secrets,
    IServiceScopeFactory scopes,
    ExportScheduleFactory schedules,
    TimeProvider time,
    IOptionsMonitor<ExportJobsOptions> options,
    ExportJobsTelemetry telemetry,
    IEnumerable<IExportRunOutboxSource> outboxSources,
    ILogger<ExportRunner> logger)
{
    private readonly IExportRunOutboxSource[] _outboxSources = outboxSources.ToArray();

    /// <summary>Runs the export and stores the run's final state (only while this host still owns the run).</summary>
    /// <param name="job">The job, as stored (secrets in clear text).</param>
    /// <param name="run">The opened run (status running, owner and epoch set).</param>
    /// <param name="recorded">The store's write of the opened run; nothing is delivered or recorded before it completes.</param>
    /// <param name="active">The run's cancellation (with its reason), progress and publish gate.</param>
    /// <returns>The final run: success or failed; for a run this host lost, the run as the store has it.</returns>
    public async Task<ExportRun> RunAsync(ExportJob job, ExportRun run, Task recorded, ActiveRun active)
    {
        var progress = active.Progress;
        var cancellationToken = active.Token;
        using var runTelemetry = telemetry.StartRun(job, run);
        ExportRun final;
        try
        {
            final = await ExecuteAsync(job, run, recorded, active, cancellationToken).ConfigureAwait(false);
            if (final.Skipped is { } skipped)
            {
                logger.LogInformation("Export run {RunId} of job {JobId} delivered nothing: {Skipped}.", run.Id, job.Id, skipped);
            }
            else
            {
                logger.LogInformation("Export run {RunId} of job {JobId} delivered {RecordCount} records ({FileSize} bytes) to {DestinationPath}.", run.Id, job.Id, final.RecordCount, final.FileSize, final.DestinationPath);
            }
        }
        catch (Exception ex)
        {
            var cancelled = cancellationToken.IsCancellationRequested;
            var error = Describe(job, ex, progress, cancelled ? active.Reason : null, cancelled && active.CancelledOnRequest);
            var onRequest = cancelled && active.CancelledOnRequest && !active.Lost;
            final = run with
            {
                Status = ExportRunStatus.Failed,
                CompletedAt = time.GetUtcNow(),
                Error = error,
                FileName = progress.FileName,
                Cancelled = onRequest,
                CancelledBy = onRequest ? active.CancelledBy : null,
            };
            logger.LogWarning("Export run {RunId} of job {JobId} failed: {Error}", run.Id, job.Id, error);
        }

        if (final.Status == ExportRunStatus.Success)
        {
            runTelemetry.Succeeded(final.RecordCount ?? 0, final.FileSize ?? 0);
        }
        else
        {
            runTelemetry.Failed(final.Error);
        }

        progress.Stage = ExportRunStage.Recording;
        progress.Shown = ExportRunProgressStage.Recording;
        try
        {
            await recorded.ConfigureAwait(false);
            if (!active.Lost && await CompleteAsync(job, final).ConfigureAwait(false))
            {
                return final;
            }

            var stored = await store.GetRunAsync(run.Id, CancellationToken.None).ConfigureAwait(false);
            if (stored is null)
            {
                // The job (and its history) was deleted while the run ran: nothing is left to record.
                return final;
            }

            LogLostRun(run.Id, job.Id, final.Status);
            return stored.Status != ExportRunStatus.Running
                ? stored
                : final with { Status = ExportRunStatus.Failed, Error = ExportRunErrors.Lost, Cancelled = false, CancelledBy = null };
        }
        catch (Exception ex)
        {
            logger.LogError("Export run {RunId} of job {JobId} ended as {Status} but could not be recorded ({ExceptionType}).", run.Id, job.Id, final.Status, ex.GetType().Name);
        }

        return final;
    }

    /// <summary>The fenced final write, with the outbox messages the final state causes in the same transaction.</summary>
    private async Task<bool> CompleteAsync(ExportJob job, ExportRun final)
    {
        if (_outboxSources.Length == 0)
        {
            return await store.CompleteRunAsync(final, CancellationToken.None).ConfigureAwait(false);
        }

        var messages = new List<ExportOutboxMessage>();
        foreach (var source in _outboxSources)
        {
            try
            {
                messages.AddRange(await source.CreateMessagesAsync(job, final, CancellationToken.None).ConfigureAwait(false));
            }
            catch (Exception ex)
            {
                LogOutboxSourceFailed(ex, source.GetType().Name, final.Id, job.Id);
            }
        }

        return await store.CompleteRunAsync(final, messages, CancellationToken.None).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox source {Source} failed for run {RunId} of job {JobId}; the run is recorded without its messages.")]
    private partial void LogOutboxSourceFailed(Exception exception, string source, string runId, string jobId);

    /// <summary>
    /// Right before a destination publishes: with a store shared by several hosts, asks it whether this host still owns
    /// the run (and whether a cancel was asked for on another host); then passes the point of no return, after which a
    /// cancel request is refused as too late.
    /// </summary>
    private async Task BeforePublishAsync(ExportRun run, ActiveRun active, CancellationToken cancellationToken)
    {
        if (store.SupportsRunLeases)
        {
            var lease = await store.CheckRunLeaseAsync(run.Id, run.Owner ?? ExportHost.Id, run.Epoch, cancellationToken).ConfigureAwait(false);
            if (!lease.Held)
            {
                active.MarkLost();
            }
            else if (lease.CancelRequested)
            {
                active.TryCancelOnRequest(lease.CancelledBy);
            }
        }

        active.EnterPublish();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "This host lost export run {RunId} of job {JobId}: another host failed it after its lease expired, so its outcome ({Status}) was neither published nor recorded.")]
    private partial void LogLostRun(string runId, string jobId, ExportRunStatus status);

    private async Task<ExportRun> ExecuteAsync(ExportJob job, ExportRun run, Task recorded, ActiveRun active, CancellationToken cancellationToken)
    {
        var progress = active.Progress;
        var format = formats.Get(job.Format);
        var destination = destinations.Get(job.DestinationType);
        var fileName = RenderFileName(job, run, job.Split is null ? null : 1);
        progress.FileName = fileName;
        var scope = await CreateScopeAsync(job, cancellationToken).ConfigureAwait(false);
        var serviceScope = scopes.CreateAsyncScope();
        await using (serviceScope.ConfigureAwait(false))
        {
            var source = GetRecordSource(serviceScope.ServiceProvider);
            progress.SourceName = source.GetType().Name;
            var spoolPaths = new List<string>();
            try
            {
                if (job.Split is null && !job.Manifest && destination.SupportsStreaming(job.DestinationConfig))
                {
                    var streaming = CreateStreamingRun(job, run, active, format, fileName, spoolPaths);
                    return await StreamAsync(streaming, job, run, recorded, active, destination, (s, token) => SpoolAsync(job, run, format, source, scope, spoolPaths, progress, token, s), cancellationToken).ConfigureAwait(false);
                }

                var parts = await SpoolAsync(job, run, format, source, scope, spoolPaths, progress, cancellationToken).ConfigureAwait(false);
                progress.Stage = ExportRunStage.Recording;
                await recorded.ConfigureAwait(false);
                if (job.SkipEmpty && progress.Records == 0)
                {
                    // Nothing to deliver: no file, no destination path, and the reason instead.
                    return run with
                    {
                        Status = ExportRunStatus.Success,
                        CompletedAt = time.GetUtcNow(),
                        RecordCount = 0,
                        Skipped = job.Mode == ExportMode.Changes ? ExportRun.NoChanges : ExportRun.NoRecords,
                    };
                }

                progress.Stage = ExportRunStage.Delivery;
                progress.FileLength = parts.Sum(p => p.Length);
                progress.Shown = ExportRunProgressStage.Delivery;
                if (job.Split is not null || job.Manifest)
                {
                    return await DeliverPartsAsync(job, run, active, format, destination, parts, spoolPaths, cancellationToken).ConfigureAwait(false);
                }

                var spool = parts[0];
                var delivery = CreateDelivery(job, run, active, spool.Path, fileName, format.ContentType, job.Compress ? "gzip" : null, spool.Length, spool.Sha256, IdempotencyKey(job, run));
                var result = await destination.DeliverAsync(delivery, cancellationToken).ConfigureAwait(false);
                return run with
                {
                    Status = ExportRunStatus.Success,
                    CompletedAt = time.GetUtcNow(),
                    RecordCount = progress.Records,
                    FileSize = spool.Length,
                    Checksum = spool.Sha256,
                    FileName = fileName,
                    DestinationPath = result.DestinationPath,
                };
            }
            finally
            {
                foreach (var path in spoolPaths)
                {
                    SpoolLocation.Delete(path, logger);
                }
            }
        }
    }

    private ExportDelivery CreateDelivery(ExportJob job, ExportRun run, ActiveRun active, string path, string fileName, string contentType, string? contentEncoding, long length, string sha256, string idempotencyKey) =>
        new(path)
        {
            PublishGate = token => BeforePublishAsync(run, active, token),
            BytesRead = active.Progress.AddDelivered,
            Job = job,
            RunId = run.Id,
            IdempotencyKey = idempotencyKey,
            FileName = fileName,
            ContentType = contentType,
            ContentEncoding = contentEncoding,
            Length = length,
            Sha256 = sha256,
        };

    private static string IdempotencyKey(ExportJob job, ExportRun run) =>
        run.ScheduledAt is { } at ? $"{job.Id}-{at.ToUnixTimeSeconds()}" : run.Id;

    /// <summary>
    /// Writes the run's records into its spool file(s). For a streamed run (<paramref name="streaming"/>), the file's tail
    /// is told every write and the delivery's start signal is set at the first record.
    /// </summary>
    private async Task<IReadOnlyList<SpooledPart>> SpoolAsync(ExportJob job, ExportRun run, IExportFormat format, IExportRecordSource source, ExportScope scope, List<string> spoolPaths, RunProgress progress, CancellationToken cancellationToken, StreamingRun? streaming = null)
    {
        progress.Stage = ExportRunStage.Source;
        var columns = await source.GetColumnsAsync(scope, cancellationToken).ConfigureAwait(false);
        RecordFlattener.Validate(columns);
        progress.Stage = ExportRunStage.Columns;
        var withDeletions = job.Mode == ExportMode.Changes && source.ReportsDeletions;
        var profile = ExportProfile.Resolve(job, columns, withOp: withDeletions);
        var flattener = new RecordFlattener(profile, scope.DimensionScope);
        CompressionLevel? compression = job.Compress ? options.CurrentValue.CompressionLevel : null;
        var context = new ExportFormatContext { Job = job, RunId = run.Id, Fields = profile.Fields, SourceColumns = columns };
        var spooler = new PartSpooler(format, context, compression, job.Split, number =>
        {
            if (streaming is not null)
            {
                return streaming.Tail.Path; // listed in spoolPaths when the tail was made
            }

            var path = CreateSpoolPath(run, number);
            spoolPaths.Add(path);
            return path;
        }, fileBytes => progress.FileBytes = fileBytes, streaming?.Tail);
        await using (spooler.ConfigureAwait(false))
        {
            try
            {
                progress.Stage = ExportRunStage.Writer;
                progress.Shown = ExportRunProgressStage.Writer;
                await spooler.StartAsync(cancellationToken).ConfigureAwait(false);
                progress.Stage = ExportRunStage.Source;
                if (withDeletions && scope.Since is not null)
                {
                    // Tombstones first: a record deleted and created again since is then a delete, then an upsert.
                    await foreach (var deletion in source.ReadDeletionsAsync(scope, cancellationToken).ConfigureAwait(false))
                    {
                        if (deletion is null)
                        {
                            continue;
                        }

                        var tombstone = flattener.FillTombstone(deletion);
                        progress.Stage = ExportRunStage.Writer;
                        await spooler.WriteAsync(tombstone, cancellationToken).ConfigureAwait(false);
                        progress.Records = progress.Records + 1;
                        streaming?.Start.TrySetResult(true);
                        progress.Stage = ExportRunStage.Source;
                    }
                }

                var records = source.ReadRecordsAsync(scope, cancellationToken).GetAsyncEnumerator(cancellationToken);
                await using (records.ConfigureAwait(false))
                {
                    while (await records.MoveNextAsync().ConfigureAwait(false))
                    {
                        var record = records.Current;
                        if (record is null || !scope.Includes(record))
                        {
                            continue;
                        }

                        var row = flattener.Fill(record);
                        progress.Stage = ExportRunStage.Writer;
                        await spooler.WriteAsync(row, cancellationToken).ConfigureAwait(false);
                        progress.Records = progress.Records + 1;
                        streaming?.Start.TrySetResult(true);
                        progress.Stage = ExportRunStage.Source;
                    }
                }

                progress.Stage = ExportRunStage.Writer;
                return await spooler.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (spooler.FileStageFailure is { } fileFailure && !cancellationToken.IsCancellationRequested)
            {
                throw new IOException($"Writing the spool file failed: {fileFailure.Message}", fileFailure);
            }
        }
    }

    /// <summary>Resolves the host's record source from a run's (or preview's) service scope.</summary>
    internal static IExportRecordSource GetRecordSource(IServiceProvider services) =>
        services.GetService<IExportRecordSource>()
            ?? throw new InvalidOperationException(RecordSourceStartupCheck.Missing);

    internal async Task<ExportScope> CreateScopeAsync(ExportJob job, CancellationToken cancellationToken)
    {
        DateTimeOffset? since = null;
        if (job.Mode == ExportMode.Changes)
        {
            var lastSuccess = await store.GetLatestRunAsync(job.Id, ExportRunStatus.Success, cancellationToken).ConfigureAwait(false);
            since = lastSuccess?.StartedAt;
        }

        return new ExportScope
        {
            JobId = job.Id,
            SchemaId = job.SchemaId,
            CatalogId = job.CatalogId,
            IncludeVariants = job.IncludeVariants,
            DimensionScope = job.DimensionScope ?? new Dictionary<string, string>(),
            Since = since,
        };
    }

    /// <summary>The name of a run's data file: the job's template rendered (with <paramref name="part"/> for <c>{part}</c>), plus <c>.gz</c> when compressed.</summary>
    /// <param name="job">The job.</param>
    /// <param name="run">The run.</param>
    /// <param name="part">The 1-based part number of a split job's file; <see langword="null"/> for a job without split.</param>
    internal string RenderFileName(ExportJob job, ExportRun run, int? part = null)
    {
        var name = RenderTemplate(job, run, part ?? (job.Split is null ? null : 1));
        return job.Compress && !name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name + ".gz" : name;
    }

    /// <summary>
    /// The name of a run's manifest: the job's template rendered without <c>{part}</c> (and one separator next to it),
    /// plus <c>.manifest.json</c>; never <c>.gz</c> (the manifest is not compressed).
    /// </summary>
    /// <param name="job">The job.</param>
    /// <param name="run">The run.</param>
    internal string RenderManifestName(ExportJob job, ExportRun run) => RenderTemplate(job, run, part: null) + FilenameTemplate.ManifestSuffix;

    private string RenderTemplate(ExportJob job, ExportRun run, int? part)
    {
        var zone = job.TimeZone is { } id && CronSchedule.TryFindTimeZone(id, out var found) ? found : schedules.DefaultTimeZone;
        var date = TimeZoneInfo.ConvertTime(run.ScheduledAt ?? run.StartedAt, zone);
        return FilenameTemplate.Render(job.FilenameTemplate, new FilenameValues(date, job.Id, run.Id, job.Format, part));
    }

    /// <summary>The spool file of a run's part (1: <c>{runId}.spool</c>, as before parts) or of its manifest (<see langword="null"/>).</summary>
    private string CreateSpoolPath(ExportRun run, int? part)
    {
        Directory.CreateDirectory(SpoolLocation.Folder(options.CurrentValue));
        return SpoolLocation.PathFor(options.CurrentValue, run.Id, part);
    }
}
