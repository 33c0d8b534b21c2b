using ExportJobs.Model;

namespace ExportJobs.Running;

/// <summary>What starts a run.</summary>
/// <param name="Trigger">The scheduler, a retry or a user.</param>
/// <param name="ScheduledAt">The cron occurrence, for scheduled runs and their retries.</param>
/// <param name="Attempt">1 for a first attempt.</param>
internal sealed record ExportRunRequest(ExportRunTrigger Trigger, DateTimeOffset? ScheduledAt = null, int Attempt = 1)
{
    /// <summary>
    /// The run this request opens for <paramref name="job"/> at <paramref name="now"/>: <c>running</c>, with a new
    /// time-ordered id, owned by this host at lease epoch 1, in the job's mode (a trigger's override is in the job already).
    /// </summary>
    /// <param name="job">The job.</param>
    /// <param name="now">When the run starts.</param>
    public ExportRun Open(ExportJob job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new ExportRun
        {
            Id = ExportIds.New(now),
            JobId = job.Id,
            Status = ExportRunStatus.Running,
            StartedAt = now,
            ScheduledAt = ScheduledAt,
            Trigger = Trigger,
            Attempt = Attempt,
            Mode = job.Mode,
            Owner = ExportHost.Id,
            Epoch = 1,
        };
    }
}
