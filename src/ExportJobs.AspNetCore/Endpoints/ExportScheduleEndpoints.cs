using ExportJobs.AspNetCore.Contracts;
using ExportJobs.AspNetCore.Http;
using ExportJobs.Extensibility;
using ExportJobs.Scheduling;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Endpoints;

/// <summary>A job's upcoming run times, for the dashboard and for people checking a cron expression.</summary>
internal static class ExportScheduleEndpoints
{
    public const int Count = 5;

    public static async Task<IResult> GetAsync(string id, ExportJobStore store, ExportScheduleFactory schedules, TimeProvider time, CancellationToken cancellationToken)
    {
        var job = await store.GetJobAsync(id, cancellationToken);
        if (job is null)
        {
            return ApiResults.JobNotFound(id);
        }

        CronSchedule schedule;
        try
        {
            schedule = schedules.ForJob(job);
        }
        catch (InvalidOperationException ex)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The job's stored schedule is no longer accepted.",
                detail: $"{ex.Message} Correct the schedule or time zone with a PUT.");
        }

        return ApiResults.Json(new ExportScheduleResponse(job.Schedule, schedule.TimeZone.Id, job.Active, schedule.GetNextOccurrences(time.GetUtcNow(), Count)));
    }
}
