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
}
