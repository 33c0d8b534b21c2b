namespace ExportJobs.Model;

/// <summary>How an external runner completes a run it reported as <c>running</c> (<c>PATCH /export-jobs/{id}/runs/{runId}</c>).</summary>
/// <remarks>Fields left <see langword="null"/> keep what the run reported when it started; <see cref="CompletedAt"/> defaults to now.</remarks>
public sealed record ExportRunCompletion
{
    /// <summary>The final status: <see cref="ExportRunStatus.Success"/> or <see cref="ExportRunStatus.Failed"/>.</summary>
    public required ExportRunStatus Status { get; init; }

    /// <summary>When the run ended; now when <see langword="null"/>.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Records written.</summary>
    public long? RecordCount { get; init; }

    /// <summary>Bytes delivered.</summary>
    public long? FileSize { get; init; }

    /// <summary>Where the file was delivered.</summary>
    public string? DestinationPath { get; init; }

    /// <summary>Why the run failed (scrubbed of the job's secrets before it is stored).</summary>
    public string? Error { get; init; }

    /// <summary>SHA-256 of the delivered file, 64 hex digits.</summary>
    public string? Checksum { get; init; }

    /// <summary>The delivered file's name.</summary>
    public string? FileName { get; init; }

    /// <summary>
    /// <paramref name="run"/> with this outcome: the status, and every other field that is set here (a field left
    /// <see langword="null"/> keeps the run's value).
    /// </summary>
    /// <param name="run">The run: one reported as running, or a new one being read from a report.</param>
    /// <returns>The run with the outcome.</returns>
    public ExportRun ApplyTo(ExportRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run with
        {
            Status = Status,
            CompletedAt = CompletedAt ?? run.CompletedAt,
            RecordCount = RecordCount ?? run.RecordCount,
            FileSize = FileSize ?? run.FileSize,
            DestinationPath = DestinationPath ?? run.DestinationPath,
            Error = Error ?? run.Error,
            Checksum = Checksum ?? run.Checksum,
            FileName = FileName ?? run.FileName,
        };
    }
}
