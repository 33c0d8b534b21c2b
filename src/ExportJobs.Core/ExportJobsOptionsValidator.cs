using ExportJobs.Scheduling;
using Microsoft.Extensions.Options;

namespace ExportJobs;

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
}
