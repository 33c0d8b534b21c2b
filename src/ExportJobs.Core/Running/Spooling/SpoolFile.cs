namespace ExportJobs.Running.Spooling;

/// <summary>A finished spool file.</summary>
/// <param name="Path">Where it is.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of its bytes.</param>
internal sealed record SpoolFile(string Path, long Length, string Sha256);
