namespace ExportJobs.Extensibility;

/// <summary>
/// Writes one run's records in a format. Created by <see cref="IExportFormat.CreateWriter"/>; the library calls
/// <see cref="WriteStartAsync"/> once, <see cref="WriteRecordAsync"/> per record, <see cref="WriteEndAsync"/> once when
/// every record was written, and always <see cref="DisposeAsync"/>.
/// </summary>
/// <remarks>
/// <para>
/// An abstract class rather than an interface so that members added later come with a default and existing formats keep
/// compiling. Calls are never concurrent. An exception fails the run with an error naming the writer and quoting its message.
/// </para>
/// <para>
/// Buffer freely, but write everything to the output by the end of <see cref="WriteEndAsync"/>. When the run fails,
/// <see cref="WriteEndAsync"/> is not called and the partial output is discarded.
/// </para>
/// </remarks>
public abstract class ExportFormatWriter : IAsyncDisposable
{
    /// <summary>Writes what comes before the first record (a CSV header, <c>[</c>, the XML root).</summary>
    /// <param name="cancellationToken">Cancelled when the run is cancelled.</param>
    public virtual ValueTask WriteStartAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Writes one record.</summary>
    /// <param name="row">The record; valid only during this call.</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled.</param>
    public abstract ValueTask WriteRecordAsync(ExportRow row, CancellationToken cancellationToken);

    /// <summary>Writes what comes after the last record and flushes every buffered byte to the output.</summary>
    /// <param name="cancellationToken">Cancelled when the run is cancelled.</param>
    public abstract ValueTask WriteEndAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes every byte buffered so far to the output (not closing anything), so that the library knows the size of the
    /// file up to the last record. Called before each record only for jobs split by size (<c>split.maxBytes</c>).
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the run is cancelled.</param>
    /// <remarks>
    /// Override it when the writer buffers: the default does nothing, which is right only for writers that write each
    /// record to the output at once. A binary format (<see cref="IExportFormat.IsText"/> false) is never split by size.
    /// </remarks>
    public virtual ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Releases the writer's resources (not the output stream).</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the writer's resources; override to dispose inner writers.</summary>
    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;
}
