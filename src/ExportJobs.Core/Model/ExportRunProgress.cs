namespace ExportJobs.Model;

/// <summary>How far a running run got; shown as <c>progress</c> while a run is <c>running</c>, absent once it ended.</summary>
/// <param name="Stage">Where the run is.</param>
/// <param name="RecordsWritten">Records written to the file so far.</param>
/// <param name="BytesWritten">
/// Bytes of the file as delivered (after gzip): while <see cref="ExportRunProgressStage.Writer"/>, the bytes of the file
/// written so far; during <see cref="ExportRunProgressStage.Delivery"/>, the bytes the destination has read of it.
/// </param>
/// <param name="UpdatedAt">When these figures were true: now on the host that owns the run, the last lease heartbeat on any other host.</param>
public sealed record ExportRunProgress(ExportRunProgressStage Stage, long RecordsWritten, long BytesWritten, DateTimeOffset UpdatedAt);
