using System.Globalization;
using ExportJobs.Validation;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Http;

/// <summary>Reads the <c>limit</c> query parameter of the endpoints that return a bounded list.</summary>
internal static class QueryLimit
{
    /// <summary>
    /// The <c>limit</c> of the request: <paramref name="defaultLimit"/> when absent; when it is not one whole number
    /// from 1 to <paramref name="max"/>, an error under <c>limit</c> and <paramref name="defaultLimit"/>.
    /// </summary>
    public static int Read(HttpContext context, int defaultLimit, int max, ValidationErrors errors)
    {
        var values = context.Request.Query["limit"];
        if (values.Count == 0)
        {
            return defaultLimit;
        }

        if (values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= max)
        {
            return limit;
        }

        errors.Add("limit", $"'limit' must be a whole number from 1 to {max}.");
        return defaultLimit;
    }
}
