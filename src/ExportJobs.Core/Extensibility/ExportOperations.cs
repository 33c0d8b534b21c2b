namespace ExportJobs.Extensibility;

/// <summary>
/// The <c>op</c> column of change feeds: in every <c>changes</c> run of a record source that reports deletions
/// (<see cref="IExportRecordSource.ReportsDeletions"/>), and in any run of a job that names <c>op</c> in its columns.
/// </summary>
public static class ExportOperations
{
    /// <summary>The column's name (and its <c>columns[].source</c>): <c>op</c>.</summary>
    public const string Field = "op";

    /// <summary>A record that is new or changed.</summary>
    public const string Upsert = "upsert";

    /// <summary>A deleted record (a tombstone): its record fields as far as known, no attribute values.</summary>
    public const string Delete = "delete";
}
