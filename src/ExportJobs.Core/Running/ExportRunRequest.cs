using ExportJobs.Model;

namespace ExportJobs.Running;

/// <summary>What starts a run.</summary>
/// <param name="Trigger">The scheduler, a retry or a user.</param>
/// <param name="ScheduledAt">The cron occurrence, for scheduled runs and their retries.</param>
/// <param name="Attempt">1 for a first attempt.</param>
public sealed record ExportRunRequest(ExportRunTrigger Trigger, DateTimeOffset? ScheduledAt = null, int Attempt = 1);
