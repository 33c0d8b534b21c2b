namespace ExportJobs.Model;

/// <summary>Which records a run exports.</summary>
public enum ExportMode
{
    /// <summary>Every record in the job's scope (<c>"full"</c>).</summary>
    Full,

    /// <summary>Only records updated since the start of the job's last successful run (<c>"changes"</c>); the first run exports everything.</summary>
    Changes,
}
