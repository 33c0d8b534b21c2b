using ExportJobs.Validation;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore.Http;

/// <summary>Reads an optional boolean query parameter (<c>?cancelRunning=true</c>).</summary>
internal static class QueryFlag
{
    /// <summary><see langword="false"/> when absent; <c>true</c>/<c>false</c> (any case) as given; else an error under the name.</summary>
    public static bool Read(HttpContext context, string name, ValidationErrors errors)
    {
        var values = context.Request.Query[name];
        if (values.Count == 0)
        {
            return false;
        }

        if (values.Count == 1 && bool.TryParse(values[0], out var flag))
        {
            return flag;
        }

        errors.Add(name, $"'{name}' must be true or false.");
        return false;
    }
}
