namespace ExportJobs.Running.Parts;

/// <summary>One finished part of a run's output, in its spool file.</summary>
/// <param name="Number">1-based part number.</param>
/// <param name="Path">The spool file.</param>
/// <param name="Records">Records in the part.</param>
/// <param name="Length">Its size in bytes (after gzip).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of its bytes.</param>
internal sealed record SpooledPart(int Number, string Path, long Records, long Length, string Sha256);
