using ExportJobs.AspNetCore.Contracts;
using ExportJobs.AspNetCore.Http;
using ExportJobs.Management;
using ExportJobs.Validation;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Endpoints;

/// <summary>A job's upcoming run times, or those of an unsaved schedule, for the dashboard and for people checking a cron expression.</summary>
internal static class ExportScheduleEndpoints
{
    public static async Task<IResult> GetAsync(string id, ExportJobManager manager, CancellationToken cancellationToken)
    {
        var result = await manager.GetScheduleAsync(id, cancellationToken);
        return result switch
        {
            { NotFound: true } => ApiResults.JobNotFound(id),
            { Value: { } schedule } => ApiResults.Json(new ExportScheduleResponse(schedule.Schedule, schedule.TimeZone, schedule.Active, schedule.NextRuns)),
            _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The job's stored schedule is no longer accepted.", detail: result.Conflict),
        };
    }

    /// <summary><c>POST /schedule</c>: the next run times of an unsaved <c>{ schedule, timeZone }</c>, or 400 with every problem.</summary>
    public static async Task<IResult> PreviewAsync(HttpContext context, ExportJobManager manager)
    {
        var (body, problem) = await JsonBodyReader.ReadObjectAsync(context);
        if (body is null)
        {
            return problem!;
        }

        var errors = new ValidationErrors();
        foreach (var (name, _) in body)
        {
            if (name is not ("schedule" or "timeZone"))
            {
                errors.Add(name.Length > FieldLimits.SettingName ? "(body)" : name, "Not a field of this request; it takes 'schedule' and 'timeZone'.");
            }
        }

        var fields = new JsonFieldReader(body, errors);
        var schedule = fields.String("schedule", required: true);
        var timeZone = fields.String("timeZone");
        var result = manager.PreviewSchedule(schedule, timeZone, errors);
        return result.Value is { } preview
            ? ApiResults.Json(new ExportScheduleResponse(preview.Schedule, preview.TimeZone, preview.Active, preview.NextRuns))
            : ApiResults.Invalid(result.Errors!);
    }
}
