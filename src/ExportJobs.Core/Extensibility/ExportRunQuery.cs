using ExportJobs.Model;

namespace ExportJobs.Extensibility;

/// <summary>One page of a job's run history: <see cref="ExportJobStore.ListRunsAsync(string, ExportRunQuery, CancellationToken)"/>.</summary>
public sealed record ExportRunQuery
{
    /// <summary>At most this many runs; at least 1.</summary>
    public required int Limit { get; init; }

    /// <summary>Only runs strictly older than this position (the next page after a run); the newest runs when <see langword="null"/>.</summary>
    public ExportRunPosition? Before { get; init; }

    /// <summary>Only runs with this status, when set.</summary>
    public ExportRunStatus? Status { get; init; }
}
