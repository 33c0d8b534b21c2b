namespace ExportJobs.Running;

/// <summary>Where a run is, so that a failure can say where it happened.</summary>
internal enum ExportRunStage
{
    Preparing,
    Source,
    Columns,
    Writer,
    Delivery,
    Recording,
}
