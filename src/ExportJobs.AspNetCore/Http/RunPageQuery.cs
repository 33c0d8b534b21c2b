using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Validation;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Http;

/// <summary>Reads the paging parameters of <c>GET /{id}/runs</c> (<c>before</c>, <c>status</c>) and writes the next page's link.</summary>
internal static class RunPageQuery
{
    private static readonly Dictionary<string, ExportRunStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["success"] = ExportRunStatus.Success,
        ["failed"] = ExportRunStatus.Failed,
        ["running"] = ExportRunStatus.Running,
    };

    /// <summary>The <c>before</c> cursor; an error under <c>before</c> when it is given twice or empty.</summary>
    public static string? ReadBefore(HttpContext context, ValidationErrors errors) =>
        PageLink.ReadCursor(context, "before", "'before' must be one run id: the id of the last run of the previous page.", errors);

    /// <summary>The <c>status</c> filter; an error under <c>status</c> when it is not one of <c>success</c>, <c>failed</c>, <c>running</c>.</summary>
    public static ExportRunStatus? ReadStatus(HttpContext context, ValidationErrors errors)
    {
        var values = context.Request.Query["status"];
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count == 1 && Statuses.TryGetValue(values[0] ?? string.Empty, out var status))
        {
            return status;
        }

        errors.Add("status", "'status' must be one of: success, failed, running.");
        return null;
    }

    /// <summary>The <c>Link</c> header value of the page after <paramref name="next"/>'s cursor, relative to this request's path.</summary>
    public static string NextLink(HttpContext context, ExportRunPageRequest next) =>
        PageLink.Next(context, next.Limit, "before", next.Before ?? string.Empty, next.Status is { } status ? "&status=" + Statuses.First(s => s.Value == status).Key : null);
}
