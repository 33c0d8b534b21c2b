namespace ExportJobs.Model;

/// <summary>The short form of a run shown on a job as <c>lastRun</c>.</summary>
/// <param name="Id">The run id.</param>
/// <param name="Status">The run status.</param>
/// <param name="StartedAt">When the run started.</param>
public sealed record ExportRunSummary(string Id, ExportRunStatus Status, DateTimeOffset StartedAt)
{
    /// <summary>The most characters of a run's <see cref="ExportRun.Error"/> a summary keeps (the run itself has it in full).</summary>
    public const int MaxErrorLength = 300;

    /// <summary>When the run ended; <see langword="null"/> while it is running (and from a store that does not read it).</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>
    /// Why the run failed, its first <see cref="MaxErrorLength"/> characters (ending with "…" when it was longer);
    /// <see langword="null"/> for a run without an error. Like the run's error, it never contains a secret.
    /// </summary>
    /// <remarks>What a job list shows beside the last run's status; the run's own page (<c>GET …/runs/{runId}</c>) has it whole.</remarks>
    public string? Error { get; init; }

    /// <summary>Creates the summary of a run.</summary>
    /// <param name="run">The run.</param>
    public static ExportRunSummary From(ExportRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new ExportRunSummary(run.Id, run.Status, run.StartedAt) { CompletedAt = run.CompletedAt, Error = ShortError(run.Error) };
    }

    /// <summary>The first <see cref="MaxErrorLength"/> characters of an error (the last one "…" when it was cut), never splitting a surrogate pair.</summary>
    /// <param name="error">A run's error, or <see langword="null"/>.</param>
    public static string? ShortError(string? error)
    {
        if (error is null || error.Length <= MaxErrorLength)
        {
            return error;
        }

        var keep = MaxErrorLength - 1;
        if (char.IsHighSurrogate(error[keep - 1]))
        {
            keep--;
        }

        return string.Concat(error.AsSpan(0, keep), "…");
    }
}
