using System.Text;
using System.Text.Encodings.Web;
using ExportJobs.Management;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ExportJobs.AspNetCore.Dashboard;

/// <summary>Serves the dashboard's page (with its settings) and its embedded script and style sheet.</summary>
internal sealed class DashboardEndpoints(DashboardAssets assets, ExportJobsDashboardOptions options)
{
    public IResult Page(HttpContext context, ExportJobManager manager)
    {
        var page = assets.Find("index.html")!;
        var apiBase = context.Request.PathBase.Add(options.ApiBasePath.TrimEnd('/')).Value ?? string.Empty;
        var html = Encoding.UTF8.GetString(page.Content)
            .Replace("{{base}}", HtmlEncoder.Default.Encode(context.Request.PathBase.Add(context.Request.Path).Value!.TrimEnd('/')), StringComparison.Ordinal)
            .Replace("{{title}}", HtmlEncoder.Default.Encode(options.Title), StringComparison.Ordinal)
            .Replace("{{apiBase}}", HtmlEncoder.Default.Encode(apiBase), StringComparison.Ordinal)
            .Replace("{{recentRuns}}", options.RecentRuns.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{refreshMs}}", ((long)Math.Max(1000, options.RefreshInterval.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{defaultTimeZone}}", HtmlEncoder.Default.Encode(manager.DefaultTimeZone), StringComparison.Ordinal);
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["Content-Security-Policy"] =
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Content(html, page.ContentType);
    }

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
