using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ExportJobs.AspNetCore.Dashboard;

/// <summary>Serves the dashboard's page (with its settings) and its embedded script and style sheet.</summary>
internal sealed class DashboardEndpoints(DashboardAssets assets, ExportJobsDashboardOptions options)
{
    public IResult Page(HttpContext context)
    {
        var page = assets.Find("index.html")!;
        var apiBase = context.Request.PathBase.Add(options.ApiBasePath.TrimEnd('/')).Value ?? string.Empty;
        var html = Encoding.UTF8.GetString(page.Content)
            .Replace("{{base}}", HtmlEncoder.Default.Encode(context.Request.PathBase.Add(context.Request.Path).Value!.TrimEnd('/')), StringComparison.Ordinal)
            .Replace("{{title}}", HtmlEncoder.Default.Encode(options.Title), StringComparison.Ordinal)
            .Replace("{{apiBase}}", HtmlEncoder.Default.Encode(apiBase), StringComparison.Ordinal)
            .Replace("{{recentRuns}}", options.RecentRuns.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{refreshMs}}", ((long)Math.Max(1000, options.RefreshInterval.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{defaultTimeZone}}", HtmlEncoder.Default.Encode(DefaultTimeZone(context)), StringComparison.Ordinal);
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["Content-Security-Policy"] =
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Content(html, page.ContentType);
    }

    /// <summary>
    /// The zone a job without <c>timeZone</c> runs in (<see cref="ExportJobsOptions.TimeZone"/>, UTC when unset or
    /// unknown, as the scheduler resolves it), so that the page shows such a job's next run in its real zone.
    /// </summary>
    private static string DefaultTimeZone(HttpContext context) =>
        context.RequestServices.GetService<IOptionsMonitor<ExportJobsOptions>>()?.CurrentValue.TimeZone is { Length: > 0 } id
        && TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out _)          // IANA only, as the scheduler (and the browser) take it
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _)
            ? id
            : "UTC";

    public IResult Asset(string file, HttpContext context)
    {
        if (file == "index.html" || assets.Find(file) is not { } asset)
        {
            return Results.NotFound();
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
