using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Running.Parts;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Running;

internal sealed partial class ExportRunner
{
    /// <summary>How long a streaming delivery may take to clean up after the export under it failed (it was told through the tail).</summary>
    internal static readonly TimeSpan StreamingAbortBudget = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A single-file run whose destination streams (contract v2): the destination receives the file while it is spooled.
    /// The delivery starts once the run is recorded and its first record is written (a run without records: once its
    /// file is finished, unless the job skips empty runs); it reads the spool file behind the writer through the tail.
    /// </summary>
    /// <remarks>
    /// The export fails first (record source, writer, cancel): the tail is failed, so the destination's reads throw
    /// <see cref="ExportStreamAbortedException"/> and it aborts; the delivery is awaited (at most
    /// <see cref="StreamingAbortBudget"/>) and the export's error is reported. The destination fails first: the export is
    /// stopped and the destination's error is reported.
    /// </remarks>
    private async Task<ExportRun> StreamAsync(StreamingRun streaming, ExportJob job, ExportRun run, Task recorded, ActiveRun active, IExportDestination destination, Func<StreamingRun, CancellationToken, Task<IReadOnlyList<SpooledPart>>> spool, CancellationToken cancellationToken)
    {
        var progress = active.Progress;
        using var spooling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delivering = DeliverWhileSpoolingAsync(streaming, recorded, destination, spooling, cancellationToken);
        IReadOnlyList<SpooledPart> parts;
        try
        {
            parts = await spool(streaming, spooling.Token).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            streaming.Tail.Fail(failure);
            streaming.Start.TrySetResult(false);
            await EndAbortedDeliveryAsync(delivering, run, job).ConfigureAwait(false);
            if (streaming.DestinationFailure is { } destinationFailure && !cancellationToken.IsCancellationRequested)
            {
                // The destination failed first and the export was stopped for it: its error is the run's.
                progress.Stage = ExportRunStage.Delivery;
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(destinationFailure);
            }

            throw;
        }

        var file = parts[0];
        progress.Stage = ExportRunStage.Recording;
        await recorded.ConfigureAwait(false);
        if (!streaming.Start.Task.IsCompleted && job.SkipEmpty && progress.Records == 0)
        {
            // Nothing to deliver, and no delivery was ever started: it ends without touching the destination.
            streaming.Start.TrySetResult(false);
            await delivering.ConfigureAwait(false);
            return run with
            {
                Status = ExportRunStatus.Success,
                CompletedAt = time.GetUtcNow(),
                RecordCount = 0,
                Skipped = job.Mode == ExportMode.Changes ? ExportRun.NoChanges : ExportRun.NoRecords,
            };
        }

        streaming.Start.TrySetResult(true);
        progress.Stage = ExportRunStage.Delivery;
        progress.FileLength = file.Length;
        progress.Shown = ExportRunProgressStage.Delivery;
        var result = await delivering.ConfigureAwait(false)
            ?? throw new InvalidOperationException("The streaming delivery ended without a result.");
        return run with
        {
            Status = ExportRunStatus.Success,
            CompletedAt = time.GetUtcNow(),
            RecordCount = progress.Records,
            FileSize = file.Length,
            Checksum = file.Sha256,
            FileName = streaming.Delivery.FileName,
            DestinationPath = result.DestinationPath,
        };
    }

    /// <summary>The tail of the run's spool file and the delivery that reads it (the file is listed for deletion now).</summary>
    private StreamingRun CreateStreamingRun(ExportJob job, ExportRun run, ActiveRun active, IExportFormat format, string fileName, List<string> spoolPaths)
    {
        var tail = new ExportFileTail(CreateSpoolPath(run, 1));
        spoolPaths.Add(tail.Path);
        var delivery = new ExportStreamingDelivery(tail)
        {
            PublishGate = token => BeforePublishAsync(run, active, token),
            BytesRead = active.Progress.AddDelivered,
            Job = job,
            RunId = run.Id,
            IdempotencyKey = IdempotencyKey(job, run),
            FileName = fileName,
            ContentType = format.ContentType,
            ContentEncoding = job.Compress ? "gzip" : null,
        };
        return new StreamingRun(tail, delivery);
    }

    /// <summary>
    /// Waits for the run to be recorded and for the start signal, then delivers; a failure of the destination (not one
    /// caused by the export's abort) stops the export.
    /// </summary>
    private static async Task<DeliveryResult?> DeliverWhileSpoolingAsync(StreamingRun streaming, Task recorded, IExportDestination destination, CancellationTokenSource spooling, CancellationToken cancellationToken)
    {
        try
        {
            await recorded.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Reported by the run itself, which awaits the same write; nothing was sent.
            return null;
        }

        if (!await streaming.Start.Task.ConfigureAwait(false))
        {
            return null;
        }

        try
        {
            var result = await destination.DeliverStreamingAsync(streaming.Delivery, cancellationToken).ConfigureAwait(false);
            if (!streaming.Tail.IsComplete)
            {
                throw new InvalidOperationException($"The {streaming.Delivery.Job.DestinationType} destination's DeliverStreamingAsync returned before the file was finished; a streaming destination must await WaitForCompletionAsync before it publishes.");
            }

            return result;
        }
        catch (Exception ex)
        {
            if (!streaming.Tail.IsFailed && ex is not ExportStreamAbortedException)
            {
                streaming.DestinationFailure = ex;
                await spooling.CancelAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>After the export failed: waits for the delivery to abort (bounded); its own error is not the run's.</summary>
    private async Task EndAbortedDeliveryAsync(Task<DeliveryResult?> delivering, ExportRun run, ExportJob job)
    {
        try
        {
            await delivering.WaitAsync(StreamingAbortBudget, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogStreamingAbortSlow(run.Id, job.Id, job.DestinationType, StreamingAbortBudget.TotalSeconds);
        }
        catch (Exception)
        {
            // The abort itself (ExportStreamAbortedException, a cancellation, a failure while aborting): the export's error is reported instead.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} of job {JobId}: the {DestinationType} destination did not end its streamed delivery within {Seconds} s after the export failed; the run is recorded failed without waiting longer.")]
    private partial void LogStreamingAbortSlow(string runId, string jobId, string destinationType, double seconds);

    /// <summary>The state one streamed run shares between its export and its delivery.</summary>
    private sealed class StreamingRun(ExportFileTail tail, ExportStreamingDelivery delivery)
    {
        public ExportFileTail Tail { get; } = tail;

        public ExportStreamingDelivery Delivery { get; } = delivery;

        /// <summary>Set <see langword="true"/> to start the delivery (first record, or the finished file of a run without records), <see langword="false"/> to never start it.</summary>
        public TaskCompletionSource<bool> Start { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The destination's own failure, when it failed before the export did.</summary>
        public Exception? DestinationFailure { get; set; }
    }
}
