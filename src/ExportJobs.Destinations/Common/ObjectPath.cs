namespace ExportJobs.Destinations.Common;

/// <summary>Joins a destination's folder or key prefix with a run's file name using <c>/</c>.</summary>
internal static class ObjectPath
{
    public static string Join(string? prefix, string fileName)
    {
        var folder = prefix?.Trim('/') ?? string.Empty;
        return folder.Length == 0 ? fileName : folder + "/" + fileName;
    }

    /// <summary>Reports a path setting that would climb out of its folder or holds control characters.</summary>
    public static string? Problem(string? path) =>
        path switch
        {
            null => null,
            _ when path.Any(char.IsControl) => "must not contain control characters.",
            _ when path.Contains('\\', StringComparison.Ordinal) => "must use '/' to separate folders, not '\\'.",
            _ when path.Split('/').Any(s => s is ".." or ".") => "must not contain '.' or '..' segments.",
            _ => null,
        };
}
