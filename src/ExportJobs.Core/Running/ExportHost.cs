namespace ExportJobs.Running;

/// <summary>This process's id as recorded with the occurrences it claims and the runs it owns.</summary>
internal static class ExportHost
{
    /// <summary>Machine name and process id, e.g. <c>web-2:4711</c>.</summary>
    public static string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
