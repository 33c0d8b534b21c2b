namespace ExportJobs.Running;

/// <summary>How far a run got: for its error message when it fails.</summary>
internal sealed class RunProgress
{
    public ExportRunStage Stage { get; set; } = ExportRunStage.Preparing;

    public long Records { get; set; }

    public string? FileName { get; set; }

    public string? SourceName { get; set; }
}
