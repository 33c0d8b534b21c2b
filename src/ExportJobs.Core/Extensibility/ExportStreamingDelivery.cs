namespace ExportJobs.Extensibility;

/// <summary>
/// One export file handed to a destination while it is still being written (destination contract v2, streaming:
/// <see cref="IExportDestination.DeliverStreamingAsync"/>). Read it with <see cref="OpenRead"/> as it grows; publish
/// only after <see cref="WaitForCompletionAsync"/> returned and <see cref="ExportDeliveryContext.BeforePublishAsync"/> passed
/// (the job, run, names and that check are on <see cref="ExportDeliveryContext"/>, shared with <see cref="ExportDelivery"/>).
/// </summary>
/// <remarks>
/// <para>
/// <b>The spool file is the buffer.</b> The library writes the export to its local spool file as always; a streaming
/// delivery reads that file behind the writer. The writer never waits for the upload (a slow destination only falls
/// further behind in the file, which the disk absorbs), and nothing is held in memory but the destination's own read
/// buffers (its parts or blocks in flight). So memory stays bounded whatever the upload speed, without back-pressure on
/// the export; the cost is the disk space of the file, exactly as for a whole-file delivery.
/// </para>
/// <para>
/// The file's <see cref="ExportFileSummary.Length"/> and <see cref="ExportFileSummary.Sha256"/> are known only at the
/// end; they are exactly the run's <c>fileSize</c> and <c>checksum</c>. Check what the destination stored against them
/// before publishing, as for <see cref="ExportDelivery"/>.
/// </para>
/// <para>
/// When the export fails or is cancelled, every read and wait throws <see cref="ExportStreamAbortedException"/>: abort
/// the upload so that nothing is left, and let the exception propagate (the run reports the export's own error).
/// </para>
/// </remarks>
public sealed class ExportStreamingDelivery : ExportDeliveryContext
{
    private readonly ExportFileTail _tail;

    internal ExportStreamingDelivery(ExportFileTail tail)
    {
        ArgumentNullException.ThrowIfNull(tail);
        _tail = tail;
    }

    /// <summary>Whether the file is finished (its length and SHA-256 known). It never becomes <see langword="true"/> after the export failed.</summary>
    public bool IsComplete => _tail.IsComplete;

    /// <summary>
    /// Opens a new read-only stream over the file from <paramref name="offset"/>, independent of every other stream
    /// (read several part windows at once by opening one per window). The stream follows the file as it is written: a
    /// read that caught up waits, without polling, until the writer wrote more; it returns 0 at the end of the finished
    /// file; it throws <see cref="ExportStreamAbortedException"/> when the export failed and
    /// <see cref="OperationCanceledException"/> when its token is cancelled.
    /// </summary>
    /// <param name="offset">Where to start reading; may be beyond what is written so far (the first read waits for it).</param>
    /// <returns>A stream that cannot seek and has no <see cref="Stream.Length"/>: read it to its end, or stop after the bytes you need.</returns>
    /// <remarks>Read asynchronously: a synchronous read blocks its thread while it waits for the writer.</remarks>
    public Stream OpenRead(long offset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return new ExportFileTailStream(_tail, offset, Reads);
    }

    /// <inheritdoc />
    public override Stream OpenWindow(long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _tail.ThrowIfFailed();
        var written = _tail.Length;
        if (offset > written || length > written - offset)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"The window ({offset} + {length} bytes) reaches past the {written} bytes written so far: await WaitForLengthAsync({offset + length}) first.");
        }

        return new ExportFileWindow(_tail.Path, offset, length, Reads, _tail);
    }

    /// <summary>
    /// Waits until at least <paramref name="length"/> bytes of the file are written, or the file is finished (use it to
    /// start a part or block once it is full).
    /// </summary>
    /// <param name="length">The bytes wanted.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The bytes written at that point: at least <paramref name="length"/>, or fewer only when the file is finished (then it is the file's length).</returns>
    /// <exception cref="ExportStreamAbortedException">The export failed or was cancelled.</exception>
    public ValueTask<long> WaitForLengthAsync(long length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return _tail.WaitForLengthAsync(length, cancellationToken);
    }

    /// <summary>Waits until the file is finished.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The finished file's length and lower-case hex SHA-256: exactly the run's <c>fileSize</c> and <c>checksum</c>.</returns>
    /// <exception cref="ExportStreamAbortedException">The export failed or was cancelled: abort the upload.</exception>
    public Task<ExportFileSummary> WaitForCompletionAsync(CancellationToken cancellationToken) => _tail.WaitForCompletionAsync(cancellationToken);

    /// <summary>
    /// <see cref="ExportDeliveryContext.BeforePublishAsync"/> of a streamed file refuses until the file is finished: call
    /// it once <see cref="WaitForCompletionAsync"/> returned and what the destination stored was checked.
    /// </summary>
    private protected override void EnsureCanPublish()
    {
        if (!_tail.IsComplete)
        {
            throw new InvalidOperationException("BeforePublishAsync was called before the file was finished; await WaitForCompletionAsync first, and never publish part of an export.");
        }
    }
}
