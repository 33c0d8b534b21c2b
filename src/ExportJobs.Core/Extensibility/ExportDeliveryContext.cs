using System.Text.Json.Nodes;
using ExportJobs.Model;

namespace ExportJobs.Extensibility;

/// <summary>
/// What every delivery of an export file carries, whether the destination gets the finished file
/// (<see cref="ExportDelivery"/>, <see cref="IExportDestination.DeliverAsync"/>) or receives it while it is written
/// (<see cref="ExportStreamingDelivery"/>, <see cref="IExportDestination.DeliverStreamingAsync"/>): the job and run, the
/// file's name and content type, and the ownership check to call right before publishing.
/// </summary>
/// <remarks>
/// Only the library derives from this class (its constructor is not public); write shared helpers of a destination
/// against it when they need only these members (an object key, request headers, the publish step).
/// </remarks>
public abstract class ExportDeliveryContext
{
    private readonly Action<int>? _bytesRead;

    /// <summary>Only <see cref="ExportDelivery"/> and <see cref="ExportStreamingDelivery"/> derive from this class.</summary>
    private protected ExportDeliveryContext()
    {
    }

    /// <summary>The job being exported.</summary>
    public required ExportJob Job { get; init; }

    /// <summary>The job's destination settings, with secrets in clear text.</summary>
    public JsonObject Config => Job.DestinationConfig;

    /// <summary>The run this delivery belongs to.</summary>
    public required string RunId { get; init; }

    /// <summary>A key that stays the same when the same occurrence is delivered again; receivers can drop duplicates by it.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The file name rendered from the job's template (with <c>.gz</c> when compressed). May contain <c>/</c> for subfolders; never <c>..</c>.</summary>
    public required string FileName { get; init; }

    /// <summary>The MIME type of the (uncompressed) content, for example <c>text/csv; charset=utf-8</c>.</summary>
    public required string ContentType { get; init; }

    /// <summary><c>gzip</c> when the file is compressed, else <see langword="null"/>.</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>
    /// Called by the library right before publish: checks the run is still this host's and not cancelled, and marks it
    /// published. Set by the runner; <see langword="null"/> for a delivery built elsewhere (tests, benchmarks).
    /// </summary>
    internal Func<CancellationToken, Task>? PublishGate { get; init; }

    /// <summary>
    /// Told how many bytes of the file a destination read for the first time (for the run's live progress): a byte read
    /// again (hashed, then sent; a retry) is told once, so a delivered file of N bytes adds N.
    /// </summary>
    internal Action<int>? BytesRead
    {
        get => _bytesRead;
        init
        {
            _bytesRead = value;
            Reads = value is null ? null : new ReadCoverage(value);
        }
    }

    /// <summary>Where the file's streams report each read (by offset), once <see cref="BytesRead"/> is set.</summary>
    private protected ReadCoverage? Reads { get; private init; }

    /// <summary>
    /// Call right before the step that makes the file visible at the destination (complete a multipart upload, commit the
    /// blocks, rename the temporary file, send the request): checks that this host still owns the run (another host may
    /// have failed it after this one stalled past its lease) and that nobody cancelled it. Throws
    /// <see cref="OperationCanceledException"/> when it must not publish; then clean up as for any cancellation, so that
    /// nothing partial is left. After it returned, a cancel request is refused as too late.
    /// </summary>
    /// <param name="cancellationToken">The token the destination's <see cref="IExportDestination.DeliverAsync"/> or
    /// <see cref="IExportDestination.DeliverStreamingAsync"/> was given.</param>
    /// <returns>A task that completes when the file may be published.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled, or this host no longer owns it.</exception>
    /// <exception cref="InvalidOperationException">A streamed file is not finished yet
    /// (<see cref="ExportStreamingDelivery.WaitForCompletionAsync"/> has not returned): never publish part of an export.</exception>
    /// <remarks>
    /// A destination that publishes in several steps (a webhook retrying) may call it before each. It narrows, but cannot
    /// close, the window between the check and the publish call itself: a host that stalls exactly there may still publish
    /// a run another host has meanwhile failed.
    /// </remarks>
    public Task BeforePublishAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        EnsureCanPublish();
        return PublishGate?.Invoke(cancellationToken) ?? Task.CompletedTask;
    }

    /// <summary>
    /// Opens a read-only, seekable window of <paramref name="length"/> bytes of the file at <paramref name="offset"/>, for
    /// one part or block of a multipart upload (or the whole body of a single request): an SDK can read it, rewind it to
    /// hash it or to resend it on a retry, and read it again. Open one per part in flight; each is independent.
    /// </summary>
    /// <param name="offset">Where the window starts.</param>
    /// <param name="length">Its length; for <see cref="ExportStreamingDelivery"/> only over bytes already written (await
    /// <see cref="ExportStreamingDelivery.WaitForLengthAsync"/> for <c>offset + length</c> first).</param>
    /// <returns>A stream of exactly <paramref name="length"/> bytes (<see cref="Stream.Length"/>) that returns 0 at its end.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The window reaches past the file (or past what is written of it).</exception>
    /// <exception cref="ExportStreamAbortedException">Of a streamed file: the export failed or was cancelled.</exception>
    /// <remarks>
    /// Reads go straight to the file at the window's position (positional reads, nothing buffered, no file position
    /// shared), so a rewind is safe while a read of an abandoned attempt is in flight: a read already under way when the window
    /// is rewound does not move the position the rewind set. (A read the abandoned attempt starts after the rewind
    /// takes bytes from the retry's body, as on any stream: the request then fails its length or checksum check.) Reads are synchronous, also from <c>ReadAsync</c> (the file was written moments ago and
    /// is read from the OS's page cache). Of a streamed file, reads throw <see cref="ExportStreamAbortedException"/> once
    /// the export failed, which stops a part in flight. Bytes read are counted once for the run's progress, however
    /// often a window is re-read.
    /// </remarks>
    public abstract Stream OpenWindow(long offset, long length);

    /// <summary>Throws when the file cannot be published yet (a streamed file that is not finished).</summary>
    private protected virtual void EnsureCanPublish()
    {
    }
}
