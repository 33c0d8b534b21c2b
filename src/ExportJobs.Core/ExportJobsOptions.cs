using System.IO.Compression;

namespace ExportJobs;

/// <summary>Options of the ExportJobs library; bind them from configuration or set them in <c>AddExportJobs(o => ...)</c>.</summary>
public sealed class ExportJobsOptions
{
    /// <summary>The configuration section options bind from by default: <c>ExportJobs</c>.</summary>
    public const string SectionName = "ExportJobs";

    /// <summary>IANA time zone id for jobs that do not set <c>timeZone</c>; UTC when unset.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Default for <c>GET /export-jobs/{id}/runs</c> without <c>limit</c>.</summary>
    public int DefaultRunListLimit { get; set; } = 50;

    /// <summary>Largest accepted <c>limit</c> for run listings.</summary>
    public int MaxRunListLimit { get; set; } = 1000;

    /// <summary>The page size of <c>GET /export-jobs?after=</c> without <c>limit</c>. Default 100.</summary>
    /// <remarks><c>GET /export-jobs</c> with neither <c>limit</c> nor <c>after</c> returns every job, as before paging existed.</remarks>
    public int DefaultJobListLimit { get; set; } = 100;

    /// <summary>Largest accepted <c>limit</c> for pages of the job list. Default 1000.</summary>
    public int MaxJobListLimit { get; set; } = 1000;

    /// <summary>Folder for spool files of running exports; the system temp folder when unset.</summary>
    public string? SpoolDirectory { get; set; }

    /// <summary>Whether this host runs the cron scheduler. Default <see langword="true"/>.</summary>
    /// <remarks>Turn it off on hosts that only serve the API (for example read replicas or a host that runs no exports).</remarks>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>
    /// How late an occurrence may still start. Default 15 minutes. An occurrence missed while the host was down runs once at
    /// start-up when it is at most this old, otherwise it is skipped (and logged); several missed occurrences never run as a burst.
    /// </summary>
    public TimeSpan MisfireGraceWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many times a failed scheduled run is retried; 0 turns retries off. Default 2 (so up to 3 attempts).</summary>
    /// <remarks>Each attempt is a run of its own in the history (<c>trigger</c> <c>retry</c>, <c>attempt</c> 2, 3, ...) with the same <c>scheduledAt</c>.</remarks>
    public int RetryAttempts { get; set; } = 2;

    /// <summary>The wait before the first retry; doubled for every further attempt (exponential backoff). Default 30 seconds.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts, whatever the backoff says. Default 10 minutes.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Random spread of each retry delay, as a fraction: 0.2 waits between 80% and 120% of the backoff. Default 0.2.</summary>
    /// <remarks>Jitter keeps jobs that failed together (an unreachable destination) from retrying in lock-step.</remarks>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>
    /// Pauses a job after this many consecutive failed runs (every attempt counts as a run), keeping the reason in
    /// <c>pausedReason</c> until the job is resumed. 0 (the default) never pauses.
    /// </summary>
    public int AutoPauseAfterFailures { get; set; }

    /// <summary>
    /// How long one call of a run observer (<see cref="Extensibility.IExportRunObserver"/>) may take before it is logged
    /// and left behind, so the observer's next notification goes ahead. Default 10 s; 100 ms to 10 min.
    /// </summary>
    public TimeSpan RunObserverTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many runs may export at the same time in this process, across jobs; further runs wait. Default 2.</summary>
    /// <remarks>Each run uses about two threads while it exports (serializing, and compressing/writing), so keep it near the core count.</remarks>
    public int MaxConcurrentRuns { get; set; } = 2;

    /// <summary>
    /// With a store shared by several hosts (PostgreSQL): how long a run stays owned by its host without a heartbeat.
    /// The host renews its runs' leases every third of this; a run whose lease expired (its host died) is marked failed by
    /// another host within about 1⅓ times this. Default 30 seconds; between 1 second and 1 hour.
    /// </summary>
    public TimeSpan RunLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The gzip level for jobs with <c>compress: true</c>. Default <see cref="CompressionLevel.Optimal"/>; <see cref="CompressionLevel.Fastest"/> trades size for speed.</summary>
    public CompressionLevel CompressionLevel { get; set; } = CompressionLevel.Optimal;

    /// <summary>
    /// Whether CSV text cells that start with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR get a leading <c>'</c> so that
    /// spreadsheets show them as text instead of running them as formulas. Default <see langword="false"/>: the data is
    /// written exactly. Numbers and dates are never changed.
    /// </summary>
    public bool CsvFormulaProtection { get; set; }

    /// <summary>Run-history retention defaults and background pruning (<c>ExportJobs:Retention</c>).</summary>
    public Retention.ExportRetentionOptions Retention { get; set; } = new();
}
