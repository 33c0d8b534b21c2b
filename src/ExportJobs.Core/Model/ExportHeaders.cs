namespace ExportJobs.Model;

/// <summary>What names a job's output columns get when the job does not set <see cref="ExportJobColumn.Header"/>.</summary>
public enum ExportHeaders
{
    /// <summary>The attribute codes (and record field names), as before: <c>"codes"</c>.</summary>
    Codes,

    /// <summary>
    /// The record source's labels (<see cref="Extensibility.ExportColumn.Labels"/>) for the segment the job's
    /// <c>dimensionScope</c> chooses, falling back to the code: <c>"labels"</c>.
    /// </summary>
    Labels,
}
