namespace ExportJobs.Testing.Destinations;

/// <summary>How a conformance delivery reacts while the destination works: to each read of the file and to its publish step.</summary>
/// <param name="Read">
/// Told how many bytes of the file were read for the first time, after each read (what the run's live progress adds): a
/// byte read again, to hash it and then send it or on a retry, is told once, so a delivered file of N bytes adds up to
/// N. May cancel or throw to cut the delivery short; a read it threw for is told again when it is retried.
/// </param>
/// <param name="BeforePublish">Called when the destination calls <see cref="Extensibility.ExportDeliveryContext.BeforePublishAsync"/>; may throw.</param>
public sealed record DeliveryHooks(Action<int>? Read, Func<CancellationToken, Task>? BeforePublish);
