using System.Globalization;
using System.Text;
using ExportJobs.Validation;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Http;

/// <summary>The cursor parameter and the <c>Link: &lt;…&gt;; rel="next"</c> header of the endpoints that return a list one page at a time.</summary>
internal static class PageLink
{
    /// <summary>The cursor parameter <paramref name="name"/>; <paramref name="message"/> under <paramref name="name"/> when it is given twice or empty.</summary>
    public static string? ReadCursor(HttpContext context, string name, string message, ValidationErrors errors)
    {
        var values = context.Request.Query[name];
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count == 1 && !string.IsNullOrEmpty(values[0]))
        {
            return values[0];
        }

        errors.Add(name, message);
        return null;
    }

    /// <summary>
    /// The <c>Link</c> header value of the next page: this request's path with <c>limit</c>, the cursor and
    /// <paramref name="extraQuery"/> (already encoded, starting with <c>&amp;</c>).
    /// </summary>
    public static string Next(HttpContext context, int limit, string cursorName, string cursor, string? extraQuery = null)
    {
        var url = new StringBuilder();
        url.Append(context.Request.PathBase).Append(context.Request.Path)
            .Append("?limit=").Append(limit.ToString(CultureInfo.InvariantCulture))
            .Append('&').Append(cursorName).Append('=').Append(Uri.EscapeDataString(cursor))
            .Append(extraQuery);
        return $"<{url}>; rel=\"next\"";
    }
}
