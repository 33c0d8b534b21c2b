namespace ExportJobs.Model;

/// <summary>The state of a run: <c>"running"</c>, <c>"success"</c> or <c>"failed"</c>.</summary>
public enum ExportRunStatus
{
    /// <summary>The run has started and not yet ended.</summary>
    Running,

    /// <summary>The file was written and delivered.</summary>
    Success,

    /// <summary>The run ended with an error; <see cref="ExportRun.Error"/> says why.</summary>
    Failed,
}
