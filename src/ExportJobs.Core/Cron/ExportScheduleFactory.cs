using System.Collections.Concurrent;
using ExportJobs.Model;
using ExportJobs.Validation;
using Microsoft.Extensions.Options;

namespace ExportJobs.Cron;

/// <summary>Parses job schedules with the library's default time zone (<see cref="ExportJobsOptions.TimeZone"/>, else UTC).</summary>
/// <remarks>
/// Stored jobs' schedules are parsed once per distinct schedule, zone and default zone and then reused: listing 10,000
/// jobs asks for each one's next run time, and parsing (the cron text, the zone lookup, the check that some date
/// matches) costs far more than computing an occurrence, most of all in a host's first request.
/// </remarks>
internal sealed class ExportScheduleFactory
{
    private const int MaxCachedSchedules = 4096;
    private readonly IOptionsMonitor<ExportJobsOptions> _options;
    private readonly ConcurrentDictionary<(string Schedule, string? TimeZone, string? DefaultTimeZone), CronSchedule> _stored = new();

    /// <summary>Creates the factory.</summary>
    /// <param name="options">The library options.</param>
    public ExportScheduleFactory(IOptionsMonitor<ExportJobsOptions> options) => _options = options;

    /// <summary>The zone used for jobs that set none.</summary>
    public TimeZoneInfo DefaultTimeZone =>
        _options.CurrentValue.TimeZone is { } id && CronSchedule.TryFindTimeZone(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>Parses a schedule, reporting problems under <c>schedule</c> and <c>timeZone</c>.</summary>
    /// <param name="cron">The cron expression.</param>
    /// <param name="timeZoneId">The job's time zone id, or <see langword="null"/>.</param>
    /// <param name="errors">Collects the problems.</param>
    public CronSchedule? Parse(string? cron, string? timeZoneId, ValidationErrors errors) =>
        CronSchedule.Parse(cron, timeZoneId, DefaultTimeZone, errors);

    /// <summary>Returns a stored job's schedule.</summary>
    /// <param name="job">A job that passed validation.</param>
    /// <exception cref="InvalidOperationException">The stored schedule no longer parses (for example a time zone removed from the system).</exception>
    public CronSchedule ForJob(ExportJobDefinition job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var key = (job.Schedule, job.TimeZone, job.TimeZone is null ? _options.CurrentValue.TimeZone : null);
        if (_stored.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var errors = new ValidationErrors();
        var schedule = Parse(job.Schedule, job.TimeZone, errors)
            ?? throw new InvalidOperationException($"The stored schedule '{job.Schedule}' ({job.TimeZone ?? "default zone"}) is invalid: {string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value))}");
        if (_stored.Count >= MaxCachedSchedules)
        {
            _stored.Clear();
        }

        _stored[key] = schedule;
        return schedule;
    }
}
