using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ExportJobs.AspNetCore.Http;

/// <summary>A job's <c>ETag</c> (its stored version, <c>"3"</c>) and the <c>If-Match</c> header that sends it back.</summary>
/// <remarks>
/// The tag names the job's stored state (its settings, <c>active</c>, <c>pausedReason</c>), which is what a change
/// can conflict with; <c>nextRunAt</c> and <c>lastRun</c> move on without it. It is a strong tag because
/// <c>If-Match</c> compares strongly (RFC 9110 §13.1.1): a weak tag (<c>W/"3"</c>) never matches.
/// </remarks>
internal static class JobEntityTag
{
    public const string HeaderName = "If-Match";

    /// <summary>A version that no job has: what a tag that can never match (weak, not a number) stands for.</summary>
    private const long NoVersion = -1;

    public static string For(long version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>
    /// Reads <c>If-Match</c>: <see langword="true"/> with <see langword="null"/> when it is absent or <c>*</c> (any version),
    /// with the version it names, or <see langword="false"/> with a 400 problem when it is malformed.
    /// </summary>
    public static bool TryReadIfMatch(HttpRequest request, out long? version, out IResult? problem)
    {
        version = null;
        problem = null;
        var values = request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return true;
        }

        var text = string.Join(',', values.ToArray()).Trim();
        if (text == "*")
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(values, out var tags) || tags.Count == 0)
        {
            problem = Invalid($"'{Shorten(text)}' is not an entity tag; send the job's ETag as it was returned, quotes included (If-Match: \"3\"), or *.");
            return false;
        }

        if (tags.Count > 1)
        {
            problem = Invalid("Send one entity tag in If-Match: the ETag of the job as you last read it.");
            return false;
        }

        var tag = tags[0];
        version = !tag.IsWeak && long.TryParse(tag.Tag.AsSpan(1, tag.Tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : NoVersion;
        return true;
    }

    private static IResult Invalid(string message) =>
        Results.ValidationProblem(
            new Dictionary<string, string[]> { [HeaderName] = [message] },
            title: "The request is invalid.",
            detail: "See 'errors' for every field that must be corrected.");

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
