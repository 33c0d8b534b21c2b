namespace ExportJobs.Extensibility;

/// <summary>
/// One run's staged publish at a destination that can stage (destination contract v2,
/// <see cref="IExportDestination.BeginStagingAsync"/>): every file of the run is first written where consumers cannot
/// see it (<see cref="StageAsync"/>), then the library publishes them in order, the manifest last
/// (<see cref="ExportStagedFile.PublishAsync"/>), or discards them all when anything failed
/// (<see cref="ExportStagedFile.DiscardAsync"/>). A consumer thus sees no part of a split run until every part is written.
/// </summary>
/// <remarks>
/// <para>
/// The library calls the members of one staging one at a time, never concurrently, and disposes it when the run's
/// delivery ended (published, discarded or failed): keep a connection for the whole run here if that is cheaper than
/// one per file. An abstract class, not an interface, so that members added later come with defaults.
/// </para>
/// <para>
/// Do not call <see cref="ExportDeliveryContext.BeforePublishAsync"/> while staging: the library checks that this host still
/// owns the run once, right before the first <see cref="ExportStagedFile.PublishAsync"/>; after that check a cancel
/// request is too late.
/// </para>
/// </remarks>
public abstract class ExportStaging : IAsyncDisposable
{
    /// <summary>
    /// Writes <paramref name="delivery"/>'s file at the destination without making it visible at its final name (a
    /// multipart upload not completed, blocks not committed, a hidden temporary file).
    /// </summary>
    /// <param name="delivery">The file; its <see cref="ExportDelivery.OpenRead"/> and <see cref="ExportDeliveryContext.OpenWindow"/> work until the run's delivery ends.</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled.</param>
    /// <returns>The staged file, which knows where it will be published.</returns>
    /// <remarks>
    /// Check what the destination received here (lengths, checksums): a file that fails only at publish is published
    /// after its predecessors, which then have to be removed again. When this throws, clean up what this call staged;
    /// the library discards the files staged before.
    /// </remarks>
    public abstract Task<ExportStagedFile> StageAsync(ExportDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Releases what the staging holds (connections, clients).</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Override to release connections or clients kept for the run; the default does nothing.</summary>
    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;
}
