namespace ExportJobs.Testing.Destinations;

/// <summary>How a conformance delivery reacts while the destination works: to each read of the file and to its publish step.</summary>
/// <param name="Read">Told how many bytes were read, after each read; may cancel or throw to cut the delivery short.</param>
/// <param name="BeforePublish">Called when the destination calls <see cref="Extensibility.ExportDeliveryContext.BeforePublishAsync"/>; may throw.</param>
public sealed record DeliveryHooks(Action<int>? Read, Func<CancellationToken, Task>? BeforePublish);
