using System.Globalization;
using System.Text;
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
    public static string? ReadBefore(HttpContext context, ValidationErrors errors)
    {
        var values = context.Request.Query["before"];
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count == 1 && !string.IsNullOrEmpty(values[0]))
        {
            return values[0];
        }

        errors.Add("before", "'before' must be one run id: the id of the last run of the previous page.");
        return null;
    }

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
    public static string NextLink(HttpContext context, ExportRunPageRequest next)
    {
        var url = new StringBuilder();
        url.Append(context.Request.PathBase).Append(context.Request.Path)
            .Append("?limit=").Append(next.Limit.ToString(CultureInfo.InvariantCulture))
            .Append("&before=").Append(Uri.EscapeDataString(next.Before ?? string.Empty));
        if (next.Status is { } status)
        {
            url.Append("&status=").Append(Statuses.First(s => s.Value == status).Key);
        }

        return $"<{url}>; rel=\"next\"";
    }
}
