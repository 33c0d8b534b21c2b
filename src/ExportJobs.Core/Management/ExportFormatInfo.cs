namespace ExportJobs.Management;

/// <summary>An output format registered in this host, as <c>GET /export-jobs/formats</c> lists it.</summary>
/// <param name="Name">The name jobs use as <c>format</c>.</param>
/// <param name="ContentType">The MIME type of its files.</param>
/// <param name="SupportsCompression">Whether a job in this format may set <c>compress</c> (false for xlsx, a zip already).</param>
/// <param name="IsText">Whether its files are UTF-8 text (false for xlsx and Parquet, whose preview shows CSV).</param>
public sealed record ExportFormatInfo(string Name, string ContentType, bool SupportsCompression, bool IsText);
