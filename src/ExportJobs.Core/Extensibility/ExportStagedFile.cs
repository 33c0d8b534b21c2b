namespace ExportJobs.Extensibility;

/// <summary>A file written at a destination but not yet visible at its final name (<see cref="ExportStaging.StageAsync"/>).</summary>
public abstract class ExportStagedFile
{
    /// <summary>Creates the staged file for <paramref name="delivery"/>, to be published at <paramref name="destinationPath"/>.</summary>
    /// <param name="delivery">The delivery it was staged for.</param>
    /// <param name="destinationPath">Where <see cref="PublishAsync"/> will make it visible, as <see cref="DeliveryResult.DestinationPath"/> says it (no credentials).</param>
    protected ExportStagedFile(ExportDelivery delivery, string destinationPath)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        Delivery = delivery;
        DestinationPath = destinationPath;
    }

    /// <summary>The delivery it was staged for.</summary>
    public ExportDelivery Delivery { get; }

    /// <summary>Where it will be visible once published (recorded in the run's <c>files</c> and the manifest).</summary>
    public string DestinationPath { get; }

    /// <summary>
    /// Makes the file visible at its final name (complete the multipart upload, commit the block list, rename the
    /// temporary file), replacing a file of that name. Keep it one short step: the library publishes a run's files one
    /// after the other, and what was published before a failing publish has to be removed again.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the run is cancelled (shutdown, job deleted).</param>
    /// <remarks>
    /// When it throws, nothing of this file may be visible (remove it when a check after the step fails) and the staged
    /// data should be gone; the library then discards the files not published yet and removes the ones published
    /// before with <see cref="IExportDestination.RemoveAsync"/>.
    /// </remarks>
    public abstract Task PublishAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Drops the staged data without publishing it (abort the multipart upload, delete the temporary file; uncommitted
    /// blocks may simply be left to the service's garbage collection). Called when the run failed before this file was
    /// published, also when its own <see cref="PublishAsync"/> threw. Best effort: it may throw, which is logged.
    /// </summary>
    /// <param name="cancellationToken">Bounds the clean-up (the library allows 30 seconds for all of a run's files).</param>
    public abstract Task DiscardAsync(CancellationToken cancellationToken);
}
