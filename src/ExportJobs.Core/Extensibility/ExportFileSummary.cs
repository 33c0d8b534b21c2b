namespace ExportJobs.Extensibility;

/// <summary>A finished export file: exactly what the run records as its <c>fileSize</c> and <c>checksum</c>.</summary>
/// <param name="Length">The file's size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
public sealed record ExportFileSummary(long Length, string Sha256);
