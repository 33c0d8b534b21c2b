using System.Text.RegularExpressions;
using ExportJobs.Model;

namespace ExportJobs.Validation;

/// <summary>Checks a run reported by an external runner (<c>POST …/runs</c>) or its completion (<c>PATCH …/runs/{runId}</c>), after defaults were applied.</summary>
internal static partial class ExportRunReportValidator
{
    /// <summary>How far a reported time may lie ahead of the server's clock (the runner's clock may be a little fast).</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Reports every problem of <paramref name="run"/>; fields already reported (for example an unreadable timestamp) are not checked again.</summary>
    public static void Validate(ExportRun run, DateTimeOffset now, ValidationErrors errors)
    {
        var latest = now + AllowedClockSkew;
        if (!errors.Has("startedAt") && run.StartedAt > latest)
        {
            errors.Add("startedAt", $"startedAt must not be in the future (at most {AllowedClockSkew.TotalMinutes:0} minutes ahead of the server's clock).");
        }

        if (!errors.Has("completedAt"))
        {
            if (run.Status == ExportRunStatus.Running && run.CompletedAt is not null)
            {
                errors.Add("completedAt", "A run with status 'running' has no completedAt.");
            }
            else if (run.CompletedAt > latest)
            {
                errors.Add("completedAt", $"completedAt must not be in the future (at most {AllowedClockSkew.TotalMinutes:0} minutes ahead of the server's clock).");
            }
            else if (run.CompletedAt < run.StartedAt && !errors.Has("startedAt"))
            {
                errors.Add("completedAt", "completedAt must not be before startedAt.");
            }
        }

        if (run.RecordCount < 0)
        {
            errors.Add("recordCount", "recordCount must be 0 or more.");
        }

        if (run.FileSize < 0)
        {
            errors.Add("fileSize", "fileSize must be 0 or more.");
        }

        if (!errors.Has("attempt") && run.Attempt < 1)
        {
            errors.Add("attempt", "attempt must be 1 or more (1 for a first attempt).");
        }

        if (!errors.Has("checksum") && run.Checksum is not null && !Sha256Hex().IsMatch(run.Checksum))
        {
            errors.Add("checksum", "checksum must be the file's SHA-256 as 64 hexadecimal digits.");
        }

        CheckLength(run.Error, "error", FieldLimits.RunError, errors);
        CheckLength(run.DestinationPath, "destinationPath", FieldLimits.RunDestinationPath, errors);
        CheckLength(run.FileName, "fileName", FieldLimits.RunFileName, errors);
    }

    private static void CheckLength(string? value, string field, int limit, ValidationErrors errors)
    {
        if (!errors.Has(field) && value?.Length > limit)
        {
            errors.Add(field, $"{field} must be at most {limit} characters long.");
        }
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();
}
