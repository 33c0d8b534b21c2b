using Microsoft.Extensions.Logging;

namespace ExportJobs.Scheduling;

/// <summary>The scheduler's log messages.</summary>
internal sealed partial class ExportScheduler
{
    [LoggerMessage(Level = LogLevel.Information, Message = "The export scheduler is turned off (ExportJobs:SchedulerEnabled is false).")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The export scheduler does not run: no IExportRunDispatcher is registered, so nothing could execute the exports.")]
    private partial void LogNoDispatcher();

    [LoggerMessage(Level = LogLevel.Information, Message = "The export scheduler stopped.")]
    private partial void LogStopped();

    [LoggerMessage(Level = LogLevel.Information, Message = "The export scheduler holds {Scheduled} active jobs of {Total}.")]
    private partial void LogLoaded(int scheduled, int total);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the export scheduler failed; it carries on with the next wake-up.")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} of export job {JobId} was left running by a host that stopped; it is recorded as failed.")]
    private partial void LogInterruptedRunRecovered(string runId, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export job {JobId} missed its occurrence at {Occurrence:o} and runs it now (within the misfire grace window).")]
    private partial void LogMisfireRunning(string jobId, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export job {JobId} skipped its occurrence at {Occurrence:o}: it is more than {Grace} late (the misfire grace window).")]
    private partial void LogMisfireSkipped(string jobId, DateTimeOffset occurrence, TimeSpan grace);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Export job {JobId} is scheduled next at {Due:o}.")]
    private partial void LogRescheduled(string jobId, DateTimeOffset due);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Export job {JobId} is no longer scheduled: it was {Change}.")]
    private partial void LogUnscheduled(string jobId, string change);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export job {JobId} has no future occurrence of '{Schedule}'.")]
    private partial void LogNoFutureOccurrence(string jobId, string schedule);

    [LoggerMessage(Level = LogLevel.Error, Message = "Export job {JobId} is not scheduled: its stored schedule cannot be used. {Problem}")]
    private partial void LogInvalidSchedule(string jobId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export job {JobId} is being paused: its stored schedule is no longer accepted (see its pausedReason).")]
    private partial void LogPausedUnschedulable(string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export job {JobId} is paused: today's rules refuse its stored notifications (its pausedReason says why).")]
    private partial void LogPausedRefusedNotifications(string jobId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Export job {JobId}: occurrence {Occurrence:o} was claimed by another host.")]
    private partial void LogClaimedElsewhere(string jobId, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export job {JobId} skipped occurrence {Occurrence:o} (attempt {Attempt}): its previous run is still going.")]
    private partial void LogOverlapSkipped(string jobId, DateTimeOffset occurrence, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export job {JobId} started run {RunId} for {Occurrence:o} (attempt {Attempt}).")]
    private partial void LogRunStarted(string jobId, string runId, DateTimeOffset occurrence, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Export job {JobId} could not start its run for {Occurrence:o}.")]
    private partial void LogStartFailed(Exception exception, string jobId, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Error, Message = "A run's completion faulted; the dispatcher must complete runs with their final state.")]
    private partial void LogCompletionFaulted(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export job {JobId} retries occurrence {Occurrence:o} (attempt {Attempt}) at {Due:o}.")]
    private partial void LogRetryScheduled(string jobId, DateTimeOffset occurrence, int attempt, DateTimeOffset due);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export job {JobId} failed occurrence {Occurrence:o} after {Attempts} attempts; no more retries.")]
    private partial void LogRetriesExhausted(string jobId, DateTimeOffset occurrence, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export job {JobId} does not retry occurrence {Occurrence:o}: its next occurrence at {Next:o} comes first.")]
    private partial void LogRetrySuperseded(string jobId, DateTimeOffset occurrence, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export job {JobId} was paused after {Failures} consecutive failed runs.")]
    private partial void LogAutoPaused(string jobId, int failures);
}
