namespace ExportJobs.Model;

/// <summary>The ids of jobs and runs.</summary>
internal static class ExportIds
{
    /// <summary>A new time-ordered id (a version 7 GUID in 32 hex digits).</summary>
    /// <param name="now">The current time.</param>
    public static string New(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");
}
