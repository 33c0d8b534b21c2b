namespace ExportJobs.Extensibility;

/// <summary>Where a destination delivered a file.</summary>
/// <param name="DestinationPath">The full path or URL of the delivered file, without credentials (recorded as the run's <c>destinationPath</c>).</param>
public sealed record DeliveryResult(string DestinationPath);
