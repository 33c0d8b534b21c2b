using ExportJobs;
using ExportJobs.Cron;
using ExportJobs.Scheduling;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Checks <see cref="ExportJobsOptions"/> and reports every problem at once.</summary>
internal sealed class ExportJobsOptionsValidator : IValidateOptions<ExportJobsOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportJobsOptions options)
    {
        var failures = new List<string>();
        if (options.TimeZone is not null && !CronSchedule.TryFindTimeZone(options.TimeZone, out _))
        {
            failures.Add($"ExportJobs:TimeZone '{options.TimeZone}' is not a known IANA time zone id.");
        }

        if (options.DefaultRunListLimit < 1)
        {
            failures.Add("ExportJobs:DefaultRunListLimit must be at least 1.");
        }

        if (options.MaxRunListLimit < options.DefaultRunListLimit)
        {
            failures.Add("ExportJobs:MaxRunListLimit must be at least DefaultRunListLimit.");
        }

        if (options.DefaultJobListLimit < 1)
        {
            failures.Add("ExportJobs:DefaultJobListLimit must be at least 1.");
        }

        if (options.MaxJobListLimit < options.DefaultJobListLimit)
        {
            failures.Add("ExportJobs:MaxJobListLimit must be at least DefaultJobListLimit.");
        }

        ValidateScheduler(options, failures);
        ValidateRetention(options.Retention, failures);
        if (options.MaxConcurrentRuns < 1)
        {
            failures.Add("ExportJobs:MaxConcurrentRuns must be at least 1.");
        }

        if (!Enum.IsDefined(options.CompressionLevel))
        {
            failures.Add($"ExportJobs:CompressionLevel must be one of: {string.Join(", ", Enum.GetNames<System.IO.Compression.CompressionLevel>())}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateScheduler(ExportJobsOptions options, List<string> failures)
    {
        if (options.MisfireGraceWindow < TimeSpan.Zero)
        {
            failures.Add("ExportJobs:MisfireGraceWindow must not be negative (use 00:00:00 to skip every missed occurrence).");
        }

        if (options.RunObserverTimeout < TimeSpan.FromMilliseconds(100) || options.RunObserverTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add("ExportJobs:RunObserverTimeout must be between 00:00:00.1 and 00:10:00.");
        }

        if (options.RunLeaseDuration < TimeSpan.FromSeconds(1) || options.RunLeaseDuration > TimeSpan.FromHours(1))
        {
            failures.Add("ExportJobs:RunLeaseDuration must be between 00:00:01 and 01:00:00.");
        }

        if (options.RetryAttempts is < 0 or > 100)
        {
            failures.Add("ExportJobs:RetryAttempts must be between 0 (no retries) and 100.");
        }

        if (options.RetryDelay <= TimeSpan.Zero)
        {
            failures.Add("ExportJobs:RetryDelay must be positive, for example 00:00:30.");
        }

        if (options.RetryMaxDelay < options.RetryDelay)
        {
            failures.Add("ExportJobs:RetryMaxDelay must be at least RetryDelay.");
        }

        if (options.RetryMaxDelay > TimeSpan.FromDays(1))
        {
            failures.Add("ExportJobs:RetryMaxDelay must be at most one day.");
        }

        if (double.IsNaN(options.RetryJitter) || options.RetryJitter is < 0 or > 1)
        {
            failures.Add("ExportJobs:RetryJitter must be between 0 and 1 (a fraction of the delay).");
        }

        if (options.AutoPauseAfterFailures < 0)
        {
            failures.Add("ExportJobs:AutoPauseAfterFailures must be 0 (off) or a positive number of failed runs.");
        }
    }

    private static void ValidateRetention(ExportJobs.Retention.ExportRetentionOptions? retention, List<string> failures)
    {
        if (retention is null)
        {
            failures.Add("ExportJobs:Retention must not be null.");
            return;
        }

        if (retention.MaxRuns < 1)
        {
            failures.Add("ExportJobs:Retention:MaxRuns must be at least 1, or null for no limit by count.");
        }

        if (retention.MaxAgeDays is < 1 or > ExportJobs.Management.ExportJobValidator.MaxRetentionDays)
        {
            failures.Add($"ExportJobs:Retention:MaxAgeDays must be from 1 to {ExportJobs.Management.ExportJobValidator.MaxRetentionDays}, or null for no limit by age.");
        }

        if (retention.Interval < TimeSpan.FromSeconds(1) || retention.Interval > TimeSpan.FromHours(1))
        {
            failures.Add("ExportJobs:Retention:Interval must be between 00:00:01 and 01:00:00.");
        }

        if (retention.BatchTarget < TimeSpan.FromMilliseconds(1) || retention.BatchTarget > TimeSpan.FromSeconds(1))
        {
            failures.Add("ExportJobs:Retention:BatchTarget must be between 00:00:00.001 and 00:00:01.");
        }

        if (retention.MinBatchSize is < 1 or > 100_000)
        {
            failures.Add("ExportJobs:Retention:MinBatchSize must be from 1 to 100000.");
        }

        if (retention.MaxBatchSize is < 1 or > 100_000)
        {
            failures.Add("ExportJobs:Retention:MaxBatchSize must be from 1 to 100000.");
        }
    }
}
